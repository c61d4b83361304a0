-- The projections read their slice with eventsByTag: "tag = ? AND ordering in (offset, max]" in
-- ordering order, polled again as soon as a page comes back while events keep arriving. The
-- plugin's schema only has the (event_id, tag) primary key, which cannot answer that by tag: the
-- planner scanned all of event_tag on every poll (hundreds a second under load, each reading the
-- whole table). This index answers it as one range read per poll.
CREATE INDEX IF NOT EXISTS event_tag_tag_event_id_idx ON public.event_tag (tag, event_id);
