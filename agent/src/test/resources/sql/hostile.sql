# Hostile queries: category|query, one a line; # starts a comment. The guard must refuse every one.
# With the guard bypassed, the other walls must stop every one whose category is not "policy":
#   privilege  the read-only role alone (read-write transaction, no timeout) fails with 42501
#   readonly   the role alone could run it; the read-only transaction refuses it (25006)
#   timeout    the statement timeout cancels it (57014)
#   absent     it names something that does not exist for the role (function, language, object)
#   txn        it cannot run inside a transaction, and every query runs in one (25001), or the
#              read-only transaction refuses it first (25006)
#   policy     harmless to the role: refused by the guard's policy only; the test runs it through
#              the other walls and checks it leaves nothing behind (no setting, lock or large
#              object: lo_create runs in a read-only transaction, and is rolled back)
privilege|SELECT * FROM users
privilege|SELECT count(*) FROM users
privilege|SELECT c.character_name FROM char_stats c JOIN users x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM users)
privilege|WITH x AS (SELECT * FROM users) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM users
privilege|SELECT * FROM public.users
privilege|SELECT * FROM "users"
privilege|SELECT * FROM /* hidden */ USERS
privilege|SELECT (SELECT count(*) FROM users) AS n
privilege|SELECT * FROM plugin_tokens
privilege|SELECT count(*) FROM plugin_tokens
privilege|SELECT c.character_name FROM char_stats c JOIN plugin_tokens x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM plugin_tokens)
privilege|WITH x AS (SELECT * FROM plugin_tokens) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM plugin_tokens
privilege|SELECT * FROM public.plugin_tokens
privilege|SELECT * FROM "plugin_tokens"
privilege|SELECT * FROM /* hidden */ PLUGIN_TOKENS
privilege|SELECT (SELECT count(*) FROM plugin_tokens) AS n
privilege|SELECT * FROM event_journal
privilege|SELECT count(*) FROM event_journal
privilege|SELECT c.character_name FROM char_stats c JOIN event_journal x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM event_journal)
privilege|WITH x AS (SELECT * FROM event_journal) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM event_journal
privilege|SELECT * FROM public.event_journal
privilege|SELECT * FROM "event_journal"
privilege|SELECT * FROM /* hidden */ EVENT_JOURNAL
privilege|SELECT (SELECT count(*) FROM event_journal) AS n
privilege|SELECT * FROM event_tag
privilege|SELECT count(*) FROM event_tag
privilege|SELECT c.character_name FROM char_stats c JOIN event_tag x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM event_tag)
privilege|WITH x AS (SELECT * FROM event_tag) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM event_tag
privilege|SELECT * FROM public.event_tag
privilege|SELECT * FROM "event_tag"
privilege|SELECT * FROM /* hidden */ EVENT_TAG
privilege|SELECT (SELECT count(*) FROM event_tag) AS n
privilege|SELECT * FROM snapshot
privilege|SELECT count(*) FROM snapshot
privilege|SELECT c.character_name FROM char_stats c JOIN snapshot x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM snapshot)
privilege|WITH x AS (SELECT * FROM snapshot) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM snapshot
privilege|SELECT * FROM public.snapshot
privilege|SELECT * FROM "snapshot"
privilege|SELECT * FROM /* hidden */ SNAPSHOT
privilege|SELECT (SELECT count(*) FROM snapshot) AS n
privilege|SELECT * FROM pekko_projection_offset_store
privilege|SELECT count(*) FROM pekko_projection_offset_store
privilege|SELECT c.character_name FROM char_stats c JOIN pekko_projection_offset_store x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM pekko_projection_offset_store)
privilege|WITH x AS (SELECT * FROM pekko_projection_offset_store) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM pekko_projection_offset_store
privilege|SELECT * FROM public.pekko_projection_offset_store
privilege|SELECT * FROM "pekko_projection_offset_store"
privilege|SELECT * FROM /* hidden */ PEKKO_PROJECTION_OFFSET_STORE
privilege|SELECT (SELECT count(*) FROM pekko_projection_offset_store) AS n
privilege|SELECT * FROM pekko_projection_management
privilege|SELECT count(*) FROM pekko_projection_management
privilege|SELECT c.character_name FROM char_stats c JOIN pekko_projection_management x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM pekko_projection_management)
privilege|WITH x AS (SELECT * FROM pekko_projection_management) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM pekko_projection_management
privilege|SELECT * FROM public.pekko_projection_management
privilege|SELECT * FROM "pekko_projection_management"
privilege|SELECT * FROM /* hidden */ PEKKO_PROJECTION_MANAGEMENT
privilege|SELECT (SELECT count(*) FROM pekko_projection_management) AS n
privilege|SELECT * FROM alerts
privilege|SELECT count(*) FROM alerts
privilege|SELECT c.character_name FROM char_stats c JOIN alerts x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM alerts)
privilege|WITH x AS (SELECT * FROM alerts) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM alerts
privilege|SELECT * FROM public.alerts
privilege|SELECT * FROM "alerts"
privilege|SELECT * FROM /* hidden */ ALERTS
privilege|SELECT (SELECT count(*) FROM alerts) AS n
privilege|SELECT * FROM alert_outbox
privilege|SELECT count(*) FROM alert_outbox
privilege|SELECT c.character_name FROM char_stats c JOIN alert_outbox x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM alert_outbox)
privilege|WITH x AS (SELECT * FROM alert_outbox) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM alert_outbox
privilege|SELECT * FROM public.alert_outbox
privilege|SELECT * FROM "alert_outbox"
privilege|SELECT * FROM /* hidden */ ALERT_OUTBOX
privilege|SELECT (SELECT count(*) FROM alert_outbox) AS n
privilege|SELECT * FROM command_audit
privilege|SELECT count(*) FROM command_audit
privilege|SELECT c.character_name FROM char_stats c JOIN command_audit x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM command_audit)
privilege|WITH x AS (SELECT * FROM command_audit) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM command_audit
privilege|SELECT * FROM public.command_audit
privilege|SELECT * FROM "command_audit"
privilege|SELECT * FROM /* hidden */ COMMAND_AUDIT
privilege|SELECT (SELECT count(*) FROM command_audit) AS n
privilege|SELECT * FROM projection_set_aside
privilege|SELECT count(*) FROM projection_set_aside
privilege|SELECT c.character_name FROM char_stats c JOIN projection_set_aside x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM projection_set_aside)
privilege|WITH x AS (SELECT * FROM projection_set_aside) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM projection_set_aside
privilege|SELECT * FROM public.projection_set_aside
privilege|SELECT * FROM "projection_set_aside"
privilege|SELECT * FROM /* hidden */ PROJECTION_SET_ASIDE
privilege|SELECT (SELECT count(*) FROM projection_set_aside) AS n
privilege|SELECT * FROM flyway_schema_history
privilege|SELECT count(*) FROM flyway_schema_history
privilege|SELECT c.character_name FROM char_stats c JOIN flyway_schema_history x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM flyway_schema_history)
privilege|WITH x AS (SELECT * FROM flyway_schema_history) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM flyway_schema_history
privilege|SELECT * FROM public.flyway_schema_history
privilege|SELECT * FROM "flyway_schema_history"
privilege|SELECT * FROM /* hidden */ FLYWAY_SCHEMA_HISTORY
privilege|SELECT (SELECT count(*) FROM flyway_schema_history) AS n
privilege|SELECT * FROM telemetry_events_default
privilege|SELECT count(*) FROM telemetry_events_default
privilege|SELECT c.character_name FROM char_stats c JOIN telemetry_events_default x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM telemetry_events_default)
privilege|WITH x AS (SELECT * FROM telemetry_events_default) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM telemetry_events_default
privilege|SELECT * FROM public.telemetry_events_default
privilege|SELECT * FROM "telemetry_events_default"
privilege|SELECT * FROM /* hidden */ TELEMETRY_EVENTS_DEFAULT
privilege|SELECT (SELECT count(*) FROM telemetry_events_default) AS n
privilege|SELECT * FROM spawn_events_default
privilege|SELECT count(*) FROM spawn_events_default
privilege|SELECT c.character_name FROM char_stats c JOIN spawn_events_default x ON true
privilege|SELECT character_name FROM char_stats WHERE EXISTS (SELECT 1 FROM spawn_events_default)
privilege|WITH x AS (SELECT * FROM spawn_events_default) SELECT * FROM x
privilege|SELECT character_name FROM char_stats UNION SELECT NULL FROM spawn_events_default
privilege|SELECT * FROM public.spawn_events_default
privilege|SELECT * FROM "spawn_events_default"
privilege|SELECT * FROM /* hidden */ SPAWN_EVENTS_DEFAULT
privilege|SELECT (SELECT count(*) FROM spawn_events_default) AS n
privilege|SELECT * FROM pg_authid
privilege|SELECT * FROM pg_catalog.pg_authid
privilege|SELECT * FROM pg_shadow
privilege|SELECT * FROM pg_catalog.pg_shadow
privilege|SELECT * FROM pg_statistic
privilege|SELECT * FROM pg_catalog.pg_statistic
privilege|SELECT * FROM pg_largeobject
privilege|SELECT * FROM pg_catalog.pg_largeobject
privilege|SELECT * FROM pg_user_mapping
privilege|SELECT * FROM pg_catalog.pg_user_mapping
privilege|INSERT INTO telemetry_events DEFAULT VALUES
privilege|UPDATE telemetry_events SET character_name = character_name
privilege|DELETE FROM telemetry_events
privilege|TRUNCATE telemetry_events
privilege|DROP TABLE telemetry_events
privilege|SELECT * FROM telemetry_events FOR UPDATE
privilege|WITH d AS (DELETE FROM telemetry_events RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE telemetry_events ADD COLUMN pwned int
privilege|LOCK TABLE telemetry_events IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO spawn_events DEFAULT VALUES
privilege|UPDATE spawn_events SET character_name = character_name
privilege|DELETE FROM spawn_events
privilege|TRUNCATE spawn_events
privilege|DROP TABLE spawn_events
privilege|SELECT * FROM spawn_events FOR UPDATE
privilege|WITH d AS (DELETE FROM spawn_events RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE spawn_events ADD COLUMN pwned int
privilege|LOCK TABLE spawn_events IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO rare_events DEFAULT VALUES
privilege|UPDATE rare_events SET character_name = character_name
privilege|DELETE FROM rare_events
privilege|TRUNCATE rare_events
privilege|DROP TABLE rare_events
privilege|SELECT * FROM rare_events FOR UPDATE
privilege|WITH d AS (DELETE FROM rare_events RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE rare_events ADD COLUMN pwned int
privilege|LOCK TABLE rare_events IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO rare_stats DEFAULT VALUES
privilege|UPDATE rare_stats SET character_name = character_name
privilege|DELETE FROM rare_stats
privilege|TRUNCATE rare_stats
privilege|DROP TABLE rare_stats
privilege|SELECT * FROM rare_stats FOR UPDATE
privilege|WITH d AS (DELETE FROM rare_stats RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE rare_stats ADD COLUMN pwned int
privilege|LOCK TABLE rare_stats IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO rare_stats_sessions DEFAULT VALUES
privilege|UPDATE rare_stats_sessions SET character_name = character_name
privilege|DELETE FROM rare_stats_sessions
privilege|TRUNCATE rare_stats_sessions
privilege|DROP TABLE rare_stats_sessions
privilege|SELECT * FROM rare_stats_sessions FOR UPDATE
privilege|WITH d AS (DELETE FROM rare_stats_sessions RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE rare_stats_sessions ADD COLUMN pwned int
privilege|LOCK TABLE rare_stats_sessions IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO char_stats DEFAULT VALUES
privilege|UPDATE char_stats SET character_name = character_name
privilege|DELETE FROM char_stats
privilege|TRUNCATE char_stats
privilege|DROP TABLE char_stats
privilege|SELECT * FROM char_stats FOR UPDATE
privilege|WITH d AS (DELETE FROM char_stats RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE char_stats ADD COLUMN pwned int
privilege|LOCK TABLE char_stats IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO combat_stats DEFAULT VALUES
privilege|UPDATE combat_stats SET character_name = character_name
privilege|DELETE FROM combat_stats
privilege|TRUNCATE combat_stats
privilege|DROP TABLE combat_stats
privilege|SELECT * FROM combat_stats FOR UPDATE
privilege|WITH d AS (DELETE FROM combat_stats RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE combat_stats ADD COLUMN pwned int
privilege|LOCK TABLE combat_stats IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO combat_stats_sessions DEFAULT VALUES
privilege|UPDATE combat_stats_sessions SET character_name = character_name
privilege|DELETE FROM combat_stats_sessions
privilege|TRUNCATE combat_stats_sessions
privilege|DROP TABLE combat_stats_sessions
privilege|SELECT * FROM combat_stats_sessions FOR UPDATE
privilege|WITH d AS (DELETE FROM combat_stats_sessions RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE combat_stats_sessions ADD COLUMN pwned int
privilege|LOCK TABLE combat_stats_sessions IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO character_stats DEFAULT VALUES
privilege|UPDATE character_stats SET character_name = character_name
privilege|DELETE FROM character_stats
privilege|TRUNCATE character_stats
privilege|DROP TABLE character_stats
privilege|SELECT * FROM character_stats FOR UPDATE
privilege|WITH d AS (DELETE FROM character_stats RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE character_stats ADD COLUMN pwned int
privilege|LOCK TABLE character_stats IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO character_xp_hours DEFAULT VALUES
privilege|UPDATE character_xp_hours SET character_name = character_name
privilege|DELETE FROM character_xp_hours
privilege|TRUNCATE character_xp_hours
privilege|DROP TABLE character_xp_hours
privilege|SELECT * FROM character_xp_hours FOR UPDATE
privilege|WITH d AS (DELETE FROM character_xp_hours RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE character_xp_hours ADD COLUMN pwned int
privilege|LOCK TABLE character_xp_hours IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO portals DEFAULT VALUES
privilege|UPDATE portals SET portal_name = portal_name
privilege|DELETE FROM portals
privilege|TRUNCATE portals
privilege|DROP TABLE portals
privilege|SELECT * FROM portals FOR UPDATE
privilege|WITH d AS (DELETE FROM portals RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE portals ADD COLUMN pwned int
privilege|LOCK TABLE portals IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO server_status DEFAULT VALUES
privilege|UPDATE server_status SET status = status
privilege|DELETE FROM server_status
privilege|TRUNCATE server_status
privilege|DROP TABLE server_status
privilege|SELECT * FROM server_status FOR UPDATE
privilege|WITH d AS (DELETE FROM server_status RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE server_status ADD COLUMN pwned int
privilege|LOCK TABLE server_status IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO inventories DEFAULT VALUES
privilege|UPDATE inventories SET character_name = character_name
privilege|DELETE FROM inventories
privilege|TRUNCATE inventories
privilege|DROP TABLE inventories
privilege|SELECT * FROM inventories FOR UPDATE
privilege|WITH d AS (DELETE FROM inventories RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE inventories ADD COLUMN pwned int
privilege|LOCK TABLE inventories IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO items DEFAULT VALUES
privilege|UPDATE items SET name = name
privilege|DELETE FROM items
privilege|TRUNCATE items
privilege|DROP TABLE items
privilege|SELECT * FROM items FOR UPDATE
privilege|WITH d AS (DELETE FROM items RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE items ADD COLUMN pwned int
privilege|LOCK TABLE items IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO item_combat_stats DEFAULT VALUES
privilege|UPDATE item_combat_stats SET character_name = character_name
privilege|DELETE FROM item_combat_stats
privilege|TRUNCATE item_combat_stats
privilege|DROP TABLE item_combat_stats
privilege|SELECT * FROM item_combat_stats FOR UPDATE
privilege|WITH d AS (DELETE FROM item_combat_stats RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE item_combat_stats ADD COLUMN pwned int
privilege|LOCK TABLE item_combat_stats IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO item_requirements DEFAULT VALUES
privilege|UPDATE item_requirements SET character_name = character_name
privilege|DELETE FROM item_requirements
privilege|TRUNCATE item_requirements
privilege|DROP TABLE item_requirements
privilege|SELECT * FROM item_requirements FOR UPDATE
privilege|WITH d AS (DELETE FROM item_requirements RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE item_requirements ADD COLUMN pwned int
privilege|LOCK TABLE item_requirements IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO item_enhancements DEFAULT VALUES
privilege|UPDATE item_enhancements SET character_name = character_name
privilege|DELETE FROM item_enhancements
privilege|TRUNCATE item_enhancements
privilege|DROP TABLE item_enhancements
privilege|SELECT * FROM item_enhancements FOR UPDATE
privilege|WITH d AS (DELETE FROM item_enhancements RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE item_enhancements ADD COLUMN pwned int
privilege|LOCK TABLE item_enhancements IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO item_ratings DEFAULT VALUES
privilege|UPDATE item_ratings SET character_name = character_name
privilege|DELETE FROM item_ratings
privilege|TRUNCATE item_ratings
privilege|DROP TABLE item_ratings
privilege|SELECT * FROM item_ratings FOR UPDATE
privilege|WITH d AS (DELETE FROM item_ratings RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE item_ratings ADD COLUMN pwned int
privilege|LOCK TABLE item_ratings IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO item_spells DEFAULT VALUES
privilege|UPDATE item_spells SET spell = spell
privilege|DELETE FROM item_spells
privilege|TRUNCATE item_spells
privilege|DROP TABLE item_spells
privilege|SELECT * FROM item_spells FOR UPDATE
privilege|WITH d AS (DELETE FROM item_spells RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE item_spells ADD COLUMN pwned int
privilege|LOCK TABLE item_spells IN ACCESS EXCLUSIVE MODE
privilege|INSERT INTO item_raw_data DEFAULT VALUES
privilege|UPDATE item_raw_data SET character_name = character_name
privilege|DELETE FROM item_raw_data
privilege|TRUNCATE item_raw_data
privilege|DROP TABLE item_raw_data
privilege|SELECT * FROM item_raw_data FOR UPDATE
privilege|WITH d AS (DELETE FROM item_raw_data RETURNING *) SELECT count(*) FROM d
privilege|ALTER TABLE item_raw_data ADD COLUMN pwned int
privilege|LOCK TABLE item_raw_data IN ACCESS EXCLUSIVE MODE
privilege|SELECT * FROM items FOR SHARE
privilege|SELECT * FROM items FOR NO KEY UPDATE
privilege|CREATE INDEX pwned_idx ON items (name)
privilege|COMMENT ON TABLE items IS 'pwned'
privilege|REINDEX TABLE items
privilege|ALTER TABLE items OWNER TO overlord_agent_ro
privilege|CREATE TRIGGER pwned BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()
privilege|EXPLAIN ANALYZE DELETE FROM items
privilege|WITH u AS (UPDATE items SET name = name RETURNING 1) SELECT * FROM u
privilege|WITH i AS (INSERT INTO items DEFAULT VALUES RETURNING 1) SELECT * FROM i
privilege|COPY items FROM '/etc/passwd'
privilege|COPY items TO '/tmp/pwned.csv'
privilege|SELECT * INTO pwned_copy FROM items
privilege|CREATE TABLE pwned_copy AS SELECT * FROM items
privilege|SELECT * FROM telemetry_events FOR SHARE
privilege|SELECT * FROM telemetry_events FOR NO KEY UPDATE
privilege|CREATE INDEX pwned_idx ON telemetry_events (character_name)
privilege|COMMENT ON TABLE telemetry_events IS 'pwned'
privilege|REINDEX TABLE telemetry_events
privilege|ALTER TABLE telemetry_events OWNER TO overlord_agent_ro
privilege|CREATE TRIGGER pwned BEFORE INSERT ON telemetry_events FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()
privilege|EXPLAIN ANALYZE DELETE FROM telemetry_events
privilege|WITH u AS (UPDATE telemetry_events SET character_name = character_name RETURNING 1) SELECT * FROM u
privilege|WITH i AS (INSERT INTO telemetry_events DEFAULT VALUES RETURNING 1) SELECT * FROM i
privilege|COPY telemetry_events FROM '/etc/passwd'
privilege|COPY telemetry_events TO '/tmp/pwned.csv'
privilege|SELECT * INTO pwned_copy FROM telemetry_events
privilege|CREATE TABLE pwned_copy AS SELECT * FROM telemetry_events
privilege|SELECT * FROM rare_events FOR SHARE
privilege|SELECT * FROM rare_events FOR NO KEY UPDATE
privilege|CREATE INDEX pwned_idx ON rare_events (character_name)
privilege|COMMENT ON TABLE rare_events IS 'pwned'
privilege|REINDEX TABLE rare_events
privilege|ALTER TABLE rare_events OWNER TO overlord_agent_ro
privilege|CREATE TRIGGER pwned BEFORE INSERT ON rare_events FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()
privilege|EXPLAIN ANALYZE DELETE FROM rare_events
privilege|WITH u AS (UPDATE rare_events SET character_name = character_name RETURNING 1) SELECT * FROM u
privilege|WITH i AS (INSERT INTO rare_events DEFAULT VALUES RETURNING 1) SELECT * FROM i
privilege|COPY rare_events FROM '/etc/passwd'
privilege|COPY rare_events TO '/tmp/pwned.csv'
privilege|SELECT * INTO pwned_copy FROM rare_events
privilege|CREATE TABLE pwned_copy AS SELECT * FROM rare_events
privilege|SELECT * FROM char_stats FOR SHARE
privilege|SELECT * FROM char_stats FOR NO KEY UPDATE
privilege|CREATE INDEX pwned_idx ON char_stats (character_name)
privilege|COMMENT ON TABLE char_stats IS 'pwned'
privilege|REINDEX TABLE char_stats
privilege|ALTER TABLE char_stats OWNER TO overlord_agent_ro
privilege|CREATE TRIGGER pwned BEFORE INSERT ON char_stats FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()
privilege|EXPLAIN ANALYZE DELETE FROM char_stats
privilege|WITH u AS (UPDATE char_stats SET character_name = character_name RETURNING 1) SELECT * FROM u
privilege|WITH i AS (INSERT INTO char_stats DEFAULT VALUES RETURNING 1) SELECT * FROM i
privilege|COPY char_stats FROM '/etc/passwd'
privilege|COPY char_stats TO '/tmp/pwned.csv'
privilege|SELECT * INTO pwned_copy FROM char_stats
privilege|CREATE TABLE pwned_copy AS SELECT * FROM char_stats
privilege|SELECT * FROM portals FOR SHARE
privilege|SELECT * FROM portals FOR NO KEY UPDATE
privilege|CREATE INDEX pwned_idx ON portals (portal_name)
privilege|COMMENT ON TABLE portals IS 'pwned'
privilege|REINDEX TABLE portals
privilege|ALTER TABLE portals OWNER TO overlord_agent_ro
privilege|CREATE TRIGGER pwned BEFORE INSERT ON portals FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()
privilege|EXPLAIN ANALYZE DELETE FROM portals
privilege|WITH u AS (UPDATE portals SET portal_name = portal_name RETURNING 1) SELECT * FROM u
privilege|WITH i AS (INSERT INTO portals DEFAULT VALUES RETURNING 1) SELECT * FROM i
privilege|COPY portals FROM '/etc/passwd'
privilege|COPY portals TO '/tmp/pwned.csv'
privilege|SELECT * INTO pwned_copy FROM portals
privilege|CREATE TABLE pwned_copy AS SELECT * FROM portals
privilege|SELECT pg_read_file('/etc/passwd')
privilege|SELECT pg_read_file('postgresql.conf')
privilege|SELECT pg_read_binary_file('/etc/passwd')
privilege|SELECT pg_ls_dir('.')
privilege|SELECT * FROM pg_ls_logdir()
privilege|SELECT * FROM pg_ls_waldir()
privilege|SELECT pg_stat_file('.')
privilege|SELECT lo_import('/etc/passwd')
privilege|SELECT lo_export(1, '/tmp/pwned')
privilege|SELECT pg_reload_conf()
privilege|SELECT pg_rotate_logfile()
privilege|SELECT pg_switch_wal()
privilege|SELECT pg_create_restore_point('pwned')
privilege|SELECT pg_backup_start('pwned')
privilege|SELECT pg_promote()
privilege|SELECT current_setting('data_directory')
privilege|SELECT current_setting('config_file')
privilege|SELECT current_setting('hba_file')
privilege|SELECT current_setting('ident_file')
privilege|SHOW data_directory
privilege|SHOW config_file
privilege|SHOW hba_file
privilege|SELECT set_config('log_statement', 'none', false)
privilege|SELECT set_config('session_replication_role', 'replica', false)
privilege|SELECT set_config('role', 'postgres', false)
privilege|SELECT set_config('session_authorization', 'postgres', false)
privilege|SELECT set_config('log_min_messages', 'panic', false)
privilege|SELECT set_config('lc_messages', 'C', false)
privilege|SET ROLE postgres
privilege|SET SESSION AUTHORIZATION postgres
privilege|SET log_statement = 'none'
privilege|SET session_replication_role = replica
privilege|SET log_min_duration_statement = -1
privilege|SELECT query_to_xml('select * from users', true, true, '')
privilege|SELECT query_to_xml('select * from event_journal', true, true, '')
privilege|SELECT query_to_xml('select * from plugin_tokens', true, true, '')
privilege|SELECT table_to_xml('users', true, true, '')
privilege|SELECT table_to_xml('plugin_tokens', true, true, '')
privilege|SELECT query_to_xml_and_xmlschema('select * from users', true, true, '')
absent|SELECT cursor_to_xml('c', 1, true, true, '')
privilege|SELECT nextval('rare_events_id_seq')
privilege|SELECT setval('rare_events_id_seq', 1)
privilege|SELECT currval('rare_events_id_seq')
privilege|SELECT nextval('alert_outbox_id_seq')
privilege|COPY users TO STDOUT
privilege|COPY (SELECT * FROM users) TO STDOUT
privilege|COPY (SELECT 1) TO PROGRAM 'id'
privilege|COPY (SELECT 1) TO '/tmp/pwned'
privilege|COPY plugin_tokens TO STDOUT
privilege|CREATE TABLE pwned (x int)
privilege|CREATE VIEW pwned AS SELECT 1
privilege|CREATE SCHEMA pwned
privilege|CREATE FUNCTION public.pwned() RETURNS int LANGUAGE sql AS 'select 1'
privilege|CREATE ROLE pwned SUPERUSER
privilege|CREATE ROLE pwned LOGIN PASSWORD 'pwned'
privilege|ALTER ROLE overlord_agent_ro SUPERUSER
privilege|ALTER ROLE postgres PASSWORD 'pwned'
readonly|ALTER ROLE overlord_agent_ro SET default_transaction_read_only = off
privilege|DROP ROLE postgres
privilege|CREATE EXTENSION dblink
privilege|CREATE EXTENSION adminpack
privilege|GRANT SELECT ON users TO overlord_agent_ro
privilege|GRANT ALL ON event_journal TO PUBLIC
privilege|GRANT postgres TO overlord_agent_ro
privilege|CHECKPOINT
privilege|CLUSTER items
privilege|LOCK TABLE users
privilege|EXPLAIN SELECT * FROM users
privilege|EXPLAIN ANALYZE SELECT * FROM plugin_tokens
privilege|DROP SCHEMA public CASCADE
privilege|ALTER DATABASE postgres OWNER TO overlord_agent_ro
privilege|CREATE POLICY pwned ON items USING (true)
privilege|CREATE RULE pwned AS ON INSERT TO items DO INSTEAD NOTHING
privilege|CREATE TEMP TABLE pwned AS SELECT * FROM users
privilege|SELECT lo_import('/etc/shadow', 4242)
timeout|SELECT pg_sleep(600)
timeout|SELECT pg_sleep_for('10 minutes')
timeout|SELECT pg_sleep_until(now() + interval '1 hour')
timeout|SELECT 1 FROM char_stats WHERE pg_sleep(600) IS NULL
timeout|SELECT (SELECT pg_sleep(600))
readonly|CREATE TEMP TABLE pwned (x int)
readonly|CREATE TEMP VIEW pwned AS SELECT 1
readonly|CREATE TEMP SEQUENCE pwned
policy|SELECT lo_create(0)
policy|SELECT lo_from_bytea(0, 'pwned')
policy|SELECT lo_creat(-1)
readonly|SELECT * INTO TEMP pwned FROM items
readonly|CREATE TEMP TABLE pwned AS SELECT * FROM items
readonly|ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC
readonly|GRANT SELECT ON items TO PUBLIC
readonly|REVOKE SELECT ON items FROM overlord_agent_ro
readonly|CREATE FUNCTION pg_temp.pwned() RETURNS int LANGUAGE sql AS 'select 1'
absent|SELECT dblink('dbname=postgres', 'select 1')
absent|SELECT dblink_exec('dbname=postgres', 'drop table items')
absent|SELECT dblink_connect('dbname=postgres')
absent|SELECT * FROM dblink('host=127.0.0.1 user=postgres', 'select usename from pg_user') AS t(u text)
absent|CALL pwned()
absent|EXECUTE nothing_prepared
absent|SELECT lo_unlink(987654)
absent|SELECT lo_get(987654)
absent|SELECT pwned_function()
absent|SELECT * FROM pwned_schema.pwned_table
txn|VACUUM items
txn|VACUUM FULL users
txn|DISCARD ALL
txn|ALTER SYSTEM SET log_statement = 'none'
txn|CREATE DATABASE pwned
txn|DROP DATABASE postgres
policy|SELECT version()
policy|SELECT current_setting('server_version')
policy|SELECT * FROM pg_catalog.pg_class
policy|SELECT * FROM information_schema.tables
policy|SELECT * FROM pg_settings
policy|SELECT * FROM pg_user
policy|SELECT * FROM pg_stat_activity
policy|SELECT inet_server_addr()
policy|SELECT current_database()
policy|SELECT set_config('statement_timeout', '0', false)
policy|SET statement_timeout = 0
policy|SET default_transaction_read_only = off
policy|RESET ALL
policy|SHOW ALL
policy|SELECT txid_current()
policy|SELECT pg_advisory_lock(4242)
policy|SELECT pg_try_advisory_lock(4243)
policy|SELECT pg_notify('overlord', 'pwned')
policy|NOTIFY overlord
policy|LISTEN overlord
policy|COMMIT
policy|ROLLBACK
policy|BEGIN
policy|SAVEPOINT s
policy|SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE
policy|SELECT repeat('x', 1000)
policy|SELECT 1; SELECT 2
policy|SELECT $$dollar$$
policy|SELECT E'\x41'
policy|SELECT 'a\' , 1 --'
policy|SELECT 1 /* a /* nested */ comment */
policy|PREPARE p AS SELECT 1
policy|DEALLOCATE ALL
policy|SELECT has_table_privilege('users', 'select')
policy|SELECT pg_backend_pid()
policy|SELECT * FROM pg_roles
policy|SELECT xmlparse(document '<a/>')
policy|SELECT * FROM telemetry_events TABLESAMPLE SYSTEM (10)
policy|SELECT pg_typeof(1)
policy|SELECT "pg_sleep"(0)
policy|SELECT pg_catalog.now()
policy|TABLE items
policy|SELECT lpad('x', 5)
