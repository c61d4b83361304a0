-- GET /history of one character reads (character_name, ts) ranges. With the old plain index every
-- row was then fetched from the heap: a character's rows are interleaved with everyone else's, so
-- that was about one heap page per row, each dragging its ~1 KB `raw` frame along. This index
-- carries exactly the columns the API returns, so the query is an index-only scan (heap pages are
-- only visited until autovacuum has set a partition's visibility map, which PostgreSQL >= 13 does
-- for insert-only tables too). It has the same key as the old index, which it therefore replaces
-- (knownCharacter's lookup by name uses it just as well).
--
-- Created on the partitioned parent, it is created on every existing partition (and DEFAULT) here,
-- and on every partition created or attached later (PartitionMaintenance), as the old one was.
-- On a big existing table this builds every partition's index in the migration's transaction,
-- blocking writes to telemetry_events until it is done (about 6 s per GB of table on the
-- benchmark machine).
CREATE INDEX telemetry_events_character_ts_cover_idx ON telemetry_events (character_name, ts)
    INCLUDE (ew, ns, z, kills, kills_per_hour, deaths, total_deaths, rares_found, prismatic_taper_count,
             vt_state, session_id);
DROP INDEX telemetry_events_character_ts_idx;
