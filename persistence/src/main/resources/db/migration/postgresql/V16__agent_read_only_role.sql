-- The assistant's query_telemetry_db logs in as overlord_agent_ro, a role that can only read the
-- telemetry and stats tables below (the list SqlGuard.VISIBLE_TABLES keeps too). Roles belong to the
-- whole PostgreSQL server, so the role may already exist (another database, or an operator who
-- created it beforehand because the migrating user may not create roles); it is then only granted.
-- It gets no password here: the server sets one at start-up or the operator does (docs/assistant.md).
-- Tables added later are not covered: a new telemetry table needs its own GRANT in a migration.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'overlord_agent_ro') THEN
        BEGIN
            CREATE ROLE overlord_agent_ro LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL; -- created at the same moment by a migration of another database
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'the role overlord_agent_ro does not exist and % may not create it: create it first (CREATE ROLE overlord_agent_ro LOGIN) or grant CREATEROLE', current_user;
        END;
    END IF;
    -- Every transaction of the role is read-only and bounded even if a connection forgets to say so.
    BEGIN
        ALTER ROLE overlord_agent_ro SET default_transaction_read_only = on;
        ALTER ROLE overlord_agent_ro SET statement_timeout = '60s';
    EXCEPTION
        WHEN insufficient_privilege THEN
            RAISE WARNING 'could not set the defaults of role overlord_agent_ro (%); the server sets them per query anyway', SQLERRM;
    END;
END
$$;

GRANT USAGE ON SCHEMA public TO overlord_agent_ro;
GRANT SELECT ON telemetry_events, spawn_events, rare_events, rare_stats, rare_stats_sessions, char_stats, combat_stats,
    combat_stats_sessions, character_stats, character_xp_hours, portals, server_status, inventories, items,
    item_combat_stats, item_requirements, item_enhancements, item_ratings, item_spells, item_raw_data
    TO overlord_agent_ro;
