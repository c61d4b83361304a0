-- See the PostgreSQL migration of the same number: eventsByTag reads one tag in event order, which
-- the (event_id, tag) primary key cannot answer without scanning the whole table.
CREATE INDEX IF NOT EXISTS "event_tag_tag_event_id_idx" ON PUBLIC."event_tag" ("tag", "event_id");
