# Benign analytical queries over the telemetry and stats tables, one per line: every one must pass
# the guard and answer on PostgreSQL as the read-only role. Lines starting with # are comments.
SELECT count(*) FROM telemetry_events
SELECT character_name, count(*) AS frames FROM telemetry_events GROUP BY character_name ORDER BY frames DESC
SELECT character_name, max(ts) AS last_seen FROM telemetry_events GROUP BY character_name
SELECT character_name, avg(kills_per_hour) AS kph FROM telemetry_events WHERE ts > now() - INTERVAL '1 day' GROUP BY character_name ORDER BY kph DESC NULLS LAST
SELECT date_trunc('hour', ts) AS hour, count(*) FROM telemetry_events GROUP BY 1 ORDER BY 1
SELECT date_trunc('day', ts) AS day, character_name, max(kills) - min(kills) AS kills_that_day FROM telemetry_events GROUP BY 1, 2 ORDER BY 1, 2
SELECT character_name, round(avg(kills_per_hour)::numeric, 1) FROM telemetry_events GROUP BY character_name
SELECT * FROM telemetry_events ORDER BY ts DESC LIMIT 20
SELECT character_name, ts, ew, ns FROM telemetry_events WHERE character_name = 'Alpha' ORDER BY ts DESC LIMIT 50
SELECT character_name, vt_state, count(*) FROM telemetry_events GROUP BY character_name, vt_state ORDER BY 1, 2
SELECT vt_state, count(DISTINCT character_name) FROM telemetry_events GROUP BY vt_state
SELECT character_name, min(ew), max(ew), min(ns), max(ns) FROM telemetry_events GROUP BY character_name
SELECT character_name, percentile_cont(0.5) WITHIN GROUP (ORDER BY kills_per_hour) AS median_kph FROM telemetry_events GROUP BY character_name
SELECT character_name, stddev(kills_per_hour) FROM telemetry_events GROUP BY character_name
SELECT character_name, ts, kills, kills - lag(kills) OVER (PARTITION BY character_name ORDER BY ts) AS new_kills FROM telemetry_events ORDER BY character_name, ts LIMIT 100
SELECT character_name, ts, row_number() OVER (PARTITION BY character_name ORDER BY ts DESC) AS rn FROM telemetry_events
SELECT * FROM (SELECT character_name, ts, row_number() OVER (PARTITION BY character_name ORDER BY ts DESC) AS rn FROM telemetry_events) t WHERE rn = 1
SELECT DISTINCT ON (character_name) character_name, ts, ew, ns FROM telemetry_events ORDER BY character_name, ts DESC
SELECT character_name, count(*) FILTER (WHERE vt_state = 'Combat') AS combat_frames, count(*) AS frames FROM telemetry_events GROUP BY character_name
SELECT character_name, sum(CASE WHEN vt_state = 'Idle' THEN 1 ELSE 0 END) AS idle_frames FROM telemetry_events GROUP BY character_name
SELECT extract(hour FROM ts) AS h, avg(kills_per_hour) FROM telemetry_events GROUP BY 1 ORDER BY 1
SELECT extract(epoch FROM max(ts) - min(ts)) / 3600 AS hours_tracked FROM telemetry_events
SELECT character_name, to_char(max(ts), 'YYYY-MM-DD HH24:MI') FROM telemetry_events GROUP BY character_name
SELECT character_name, max(total_deaths) FROM telemetry_events GROUP BY character_name HAVING max(total_deaths) > 0
SELECT character_name, max(rares_found) AS rares, max(prismatic_taper_count) AS tapers FROM telemetry_events GROUP BY character_name
SELECT session_id, count(*), min(ts), max(ts) FROM telemetry_events WHERE session_id IS NOT NULL GROUP BY session_id
SELECT character_name, ts FROM telemetry_events WHERE ts BETWEEN now() - INTERVAL '7 days' AND now() ORDER BY ts LIMIT 10
SELECT character_name FROM telemetry_events WHERE character_name LIKE 'A%' GROUP BY character_name
SELECT character_name FROM telemetry_events WHERE character_name ILIKE '%alp%' GROUP BY character_name
SELECT character_name, z FROM telemetry_events WHERE z > 0 AND ew BETWEEN -50 AND 50 LIMIT 10
SELECT count(*) FROM telemetry_events WHERE vt_state IN ('Combat', 'Navigating')
SELECT count(*) FROM telemetry_events WHERE vt_state NOT IN ('Idle')
SELECT character_name, count(*) FROM telemetry_events WHERE kills IS NOT NULL GROUP BY character_name
SELECT character_name, coalesce(max(kills), 0) FROM telemetry_events GROUP BY character_name
SELECT character_name, greatest(max(ew), 0) AS east, least(min(ns), 0) AS south FROM telemetry_events GROUP BY character_name
SELECT character_name, sqrt(power(max(ew) - min(ew), 2) + power(max(ns) - min(ns), 2)) AS spread FROM telemetry_events GROUP BY character_name
SELECT character_name, upper(character_name), length(character_name) FROM char_stats
SELECT * FROM char_stats ORDER BY total_kills DESC
SELECT character_name, total_kills, total_deaths, CASE WHEN total_deaths = 0 THEN NULL ELSE total_kills::numeric / total_deaths END AS kd FROM char_stats
SELECT sum(total_kills), sum(total_deaths), sum(total_rares), sum(total_tapers) FROM char_stats
SELECT character_name, total_rares FROM char_stats WHERE total_rares > 0 ORDER BY total_rares DESC LIMIT 5
SELECT character_name, rank() OVER (ORDER BY total_kills DESC) FROM char_stats
SELECT character_name, dense_rank() OVER (ORDER BY total_rares DESC), ntile(4) OVER (ORDER BY total_kills) FROM char_stats
SELECT character_name, total_kills, sum(total_kills) OVER () AS fleet, round(100.0 * total_kills / nullif(sum(total_kills) OVER (), 0), 1) AS pct FROM char_stats
SELECT * FROM rare_events ORDER BY ts DESC LIMIT 25
SELECT name, count(*) FROM rare_events GROUP BY name ORDER BY count(*) DESC
SELECT character_name, count(*) AS rares FROM rare_events WHERE ts > now() - INTERVAL '30 days' GROUP BY character_name ORDER BY rares DESC
SELECT date_trunc('week', ts) AS week, count(*) FROM rare_events GROUP BY 1 ORDER BY 1
SELECT name, min(ts) AS first_found FROM rare_events GROUP BY name ORDER BY first_found
SELECT character_name, name, ts FROM rare_events WHERE name ILIKE '%dagger%'
SELECT r.character_name, r.name, r.ts, c.total_kills FROM rare_events r JOIN char_stats c ON c.character_name = r.character_name ORDER BY r.ts DESC LIMIT 10
SELECT r.character_name, count(r.id) FROM char_stats c LEFT JOIN rare_events r ON r.character_name = c.character_name GROUP BY r.character_name
SELECT * FROM rare_stats ORDER BY total_rares DESC
SELECT character_name, sum(rares) FROM rare_stats_sessions GROUP BY character_name
SELECT s.character_name, s.total_rares, count(e.id) AS events FROM rare_stats s LEFT JOIN rare_events e USING (character_name) GROUP BY s.character_name, s.total_rares
SELECT character_name, session_id, rares FROM rare_stats_sessions ORDER BY rares DESC LIMIT 10
SELECT * FROM portals ORDER BY last_seen DESC LIMIT 20
SELECT portal_name, ew, ns FROM portals WHERE portal_name ILIKE '%town%'
SELECT discovered_by, count(*) FROM portals GROUP BY discovered_by ORDER BY 2 DESC
SELECT portal_name, last_seen - first_seen AS known_for FROM portals ORDER BY known_for DESC LIMIT 10
SELECT count(*) FROM portals WHERE last_seen > now() - INTERVAL '1 hour'
SELECT mob, count(*) FROM spawn_events GROUP BY mob ORDER BY count(*) DESC LIMIT 20
SELECT date_trunc('hour', ts), count(*) FROM spawn_events GROUP BY 1 ORDER BY 1
SELECT mob, round(avg(ew)::numeric, 2), round(avg(ns)::numeric, 2) FROM spawn_events GROUP BY mob
SELECT character_name, count(DISTINCT mob) FROM spawn_events GROUP BY character_name
SELECT s.mob, count(*) FROM spawn_events s WHERE s.ts > now() - INTERVAL '1 day' AND s.mob IS NOT NULL GROUP BY s.mob
SELECT * FROM server_status
SELECT status, players, latency_ms, checked_at, uptime_seconds, since, server FROM server_status WHERE id = 1
SELECT status, now() - checked_at AS age FROM server_status
SELECT character_name, sessions, updated_at FROM combat_stats ORDER BY updated_at DESC
SELECT character_name, lifetime::jsonb ->> 'kills' AS kills FROM combat_stats
SELECT character_name, (lifetime::jsonb ->> 'damage_given')::numeric AS dmg FROM combat_stats ORDER BY dmg DESC NULLS LAST
SELECT character_name, jsonb_object_keys(lifetime::jsonb) FROM combat_stats
SELECT character_name, count(*) AS sessions, max(snapshot_ts) FROM combat_stats_sessions GROUP BY character_name
SELECT character_name, session_id, snapshot_ts FROM combat_stats_sessions ORDER BY snapshot_ts DESC LIMIT 10
SELECT character_name, updated_at FROM character_stats ORDER BY updated_at DESC
SELECT character_name, stats::jsonb ->> 'level' AS level FROM character_stats
SELECT character_name, jsonb_extract_path_text(stats::jsonb, 'race') AS race FROM character_stats
SELECT character_name, jsonb_typeof(stats::jsonb) FROM character_stats
SELECT character_name, length(cantrips), length(quests) FROM character_stats
SELECT character_name, hour_start, last_xp - first_xp AS xp_gained FROM character_xp_hours ORDER BY hour_start DESC LIMIT 48
SELECT character_name, sum(last_xp - first_xp) AS xp_today FROM character_xp_hours WHERE hour_start >= date_trunc('day', now()) GROUP BY character_name
SELECT character_name, date_trunc('day', hour_start) AS day, sum(last_xp - first_xp) FROM character_xp_hours GROUP BY 1, 2 ORDER BY 2, 1
SELECT character_name, max(last_xp) FROM character_xp_hours GROUP BY character_name
SELECT * FROM inventories ORDER BY item_count DESC
SELECT sum(item_count) FROM inventories
SELECT character_name, count(*) FROM items GROUP BY character_name ORDER BY 2 DESC
SELECT name, armor_level, character_name FROM items WHERE armor_level IS NOT NULL ORDER BY armor_level DESC LIMIT 20
SELECT name, max_damage, damage_type FROM items WHERE max_damage > 0 ORDER BY max_damage DESC LIMIT 20
SELECT armor_set, count(*) FROM items WHERE armor_set IS NOT NULL GROUP BY armor_set ORDER BY 2 DESC
SELECT material, count(*), avg(workmanship) FROM items GROUP BY material
SELECT object_class, count(*) FROM items GROUP BY object_class
SELECT character_name, sum(burden) AS burden, sum(item_value) AS value FROM items GROUP BY character_name
SELECT name, stack_size FROM items WHERE stack_size > 1 ORDER BY stack_size DESC
SELECT character_name, count(*) FROM items WHERE equipped GROUP BY character_name
SELECT name FROM items WHERE name_lower LIKE '%sword%'
SELECT i.name, s.spell FROM items i JOIN item_spells s ON s.character_name = i.character_name AND s.item_id = i.item_id WHERE s.spell_lower LIKE 'legendary%' LIMIT 50
SELECT spell, count(*) FROM item_spells GROUP BY spell ORDER BY 2 DESC LIMIT 20
SELECT i.character_name, i.name, r.rating, r.rating_value FROM item_ratings r JOIN items i USING (character_name, item_id) ORDER BY r.rating_value DESC LIMIT 20
SELECT rating, max(rating_value) FROM item_ratings GROUP BY rating
SELECT i.name, e.tinks, e.workmanship FROM items i JOIN item_enhancements e USING (character_name, item_id) WHERE e.tinks > 0
SELECT i.name, q.wield_requirement, q.wield_skill FROM items i JOIN item_requirements q USING (character_name, item_id) WHERE q.wield_requirement IS NOT NULL
SELECT c.armor_level, c.damage_bonus FROM item_combat_stats c WHERE c.armor_level > 100
SELECT character_name, item_id, length(raw) FROM item_raw_data ORDER BY length(raw) DESC LIMIT 5
SELECT name FROM items WHERE item_id IN (SELECT item_id FROM item_spells WHERE spell_lower = 'epic strength')
SELECT name FROM items i WHERE EXISTS (SELECT 1 FROM item_ratings r WHERE r.character_name = i.character_name AND r.item_id = i.item_id)
SELECT name FROM items i WHERE NOT EXISTS (SELECT 1 FROM item_spells s WHERE s.item_id = i.item_id)
SELECT name, armor_level FROM items WHERE armor_level > (SELECT avg(armor_level) FROM items)
SELECT character_name FROM char_stats UNION SELECT character_name FROM rare_stats
SELECT character_name FROM char_stats INTERSECT SELECT character_name FROM character_stats
SELECT character_name FROM char_stats EXCEPT SELECT character_name FROM inventories
SELECT character_name, 'kills' AS what, total_kills AS n FROM char_stats UNION ALL SELECT character_name, 'rares', total_rares FROM char_stats ORDER BY 1, 2
WITH last AS (SELECT character_name, max(ts) AS ts FROM telemetry_events GROUP BY character_name) SELECT t.character_name, t.ew, t.ns FROM telemetry_events t JOIN last l ON l.character_name = t.character_name AND l.ts = t.ts
WITH daily AS (SELECT date_trunc('day', ts) AS d, count(*) AS n FROM rare_events GROUP BY 1) SELECT d, n, sum(n) OVER (ORDER BY d) AS running FROM daily ORDER BY d
WITH a AS (SELECT character_name, total_kills FROM char_stats), b AS (SELECT character_name, total_kills * 2 AS double FROM a) SELECT * FROM b
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 24) SELECT i FROM n
WITH per_char AS (SELECT character_name, count(*) AS items FROM items GROUP BY character_name) SELECT avg(items), max(items) FROM per_char
SELECT h.hour, count(t.ts) FROM generate_series(date_trunc('hour', now()) - INTERVAL '23 hours', date_trunc('hour', now()), INTERVAL '1 hour') AS h(hour) LEFT JOIN telemetry_events t ON date_trunc('hour', t.ts) = h.hour GROUP BY h.hour ORDER BY h.hour
SELECT x FROM unnest(ARRAY[1, 2, 3]) AS x
SELECT character_name, string_agg(name, ', ' ORDER BY name) FROM rare_events GROUP BY character_name
SELECT character_name, array_agg(DISTINCT vt_state) FROM telemetry_events GROUP BY character_name
SELECT character_name, bool_or(vt_state = 'Combat') FROM telemetry_events GROUP BY character_name
SELECT now(), current_date, current_timestamp
SELECT 1 + 1 AS two, 7 / 2 AS three, 7 % 2 AS one, abs(-3), ceil(1.2), floor(1.8), round(2.567, 2)
SELECT character_name || ' (' || total_kills || ')' FROM char_stats
SELECT concat_ws(' / ', character_name, total_kills, total_deaths) FROM char_stats
SELECT split_part('a,b,c', ',', 2), replace(character_name, 'a', 'b'), substring(character_name FROM 1 FOR 3) FROM char_stats
SELECT left(character_name, 3), right(character_name, 2), lower(character_name), initcap(character_name) FROM char_stats
SELECT trim(both ' ' FROM '  x  '), ltrim('  y'), rtrim('z  ')
SELECT CAST(total_kills AS double precision) / 1000 FROM char_stats
SELECT age(now(), min(ts)) FROM telemetry_events
SELECT date_part('dow', ts) AS weekday, count(*) FROM telemetry_events GROUP BY 1 ORDER BY 1
SELECT character_name, first_value(ts) OVER w, last_value(ts) OVER w FROM telemetry_events WINDOW w AS (PARTITION BY character_name ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) LIMIT 10
SELECT character_name, avg(kills_per_hour) OVER (PARTITION BY character_name ORDER BY ts ROWS BETWEEN 5 PRECEDING AND CURRENT ROW) FROM telemetry_events LIMIT 20
SELECT character_name, ts, lead(ts) OVER (PARTITION BY character_name ORDER BY ts) - ts AS gap FROM telemetry_events LIMIT 20
SELECT t.character_name, t.ts AT TIME ZONE 'UTC' FROM telemetry_events t LIMIT 5
SELECT width_bucket(kills_per_hour, 0, 1000, 10) AS bucket, count(*) FROM telemetry_events GROUP BY 1 ORDER BY 1
SELECT count(*) FROM telemetry_events WHERE ts >= '2026-01-01' AND ts < '2027-01-01'
SELECT count(*) FROM telemetry_events WHERE ts >= TIMESTAMP '2026-01-01 00:00:00'
SELECT character_name FROM char_stats ORDER BY character_name OFFSET 1 LIMIT 2
SELECT character_name FROM char_stats ORDER BY character_name FETCH FIRST 3 ROWS ONLY
SELECT "character_name", "total_kills" FROM "char_stats"
SELECT character_name FROM public.char_stats
/* the fleet's kills */ SELECT sum(total_kills) FROM char_stats -- all of them
SELECT sum(total_kills) FROM char_stats;
select CHARACTER_NAME from CHAR_STATS where TOTAL_KILLS >= 0
SELECT c.character_name, x.items FROM char_stats c, LATERAL (SELECT count(*) AS items FROM items i WHERE i.character_name = c.character_name) x
SELECT character_name, CASE vt_state WHEN 'Combat' THEN 'fighting' WHEN 'Idle' THEN 'idle' ELSE 'other' END FROM telemetry_events LIMIT 10
SELECT count(*) FROM telemetry_events WHERE session_id IS DISTINCT FROM 's1'
SELECT count(*) FROM telemetry_events WHERE character_name = ANY (ARRAY['Alpha', 'Beta'])
SELECT v.n FROM (VALUES (1), (2), (3)) AS v(n)
SELECT character_name, total_kills FROM char_stats WHERE total_kills > 10 OR total_deaths < 5 AND NOT total_rares = 0
SELECT to_timestamp(0), make_interval(0, 0, 0, 0, 2), date_trunc('month', now())
SELECT round(avg(latency_ms)) FROM server_status
SELECT coalesce(sum(players), 0) FROM server_status WHERE status = 'up'
SELECT mode() WITHIN GROUP (ORDER BY vt_state) FROM telemetry_events
SELECT character_name, max(ts) FILTER (WHERE kills > 0) FROM telemetry_events GROUP BY character_name
SELECT count(*) FROM (SELECT DISTINCT character_name FROM telemetry_events) d
SELECT character_name, regexp_replace(character_name, '[aeiou]', '', 'g') FROM char_stats
SELECT md5(character_name) FROM char_stats LIMIT 1
SELECT character_name, jsonb_array_length(coalesce(cantrips, '[]')::jsonb) FROM character_stats
