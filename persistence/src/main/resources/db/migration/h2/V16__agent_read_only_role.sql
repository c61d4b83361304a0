-- The assistant's query_telemetry_db logs in as OVERLORD_AGENT_RO, a user that can only read the
-- telemetry and stats tables below (the list SqlGuard.VISIBLE_TABLES keeps too). Its password is
-- replaced by a random one each time the server starts (docs/assistant.md); this one is never used.
CREATE USER IF NOT EXISTS overlord_agent_ro PASSWORD RANDOM_UUID();
GRANT SELECT ON telemetry_events, spawn_events, rare_events, rare_stats, rare_stats_sessions, char_stats, combat_stats,
    combat_stats_sessions, character_stats, character_xp_hours, portals, server_status, inventories, items,
    item_combat_stats, item_requirements, item_enhancements, item_ratings, item_spells, item_raw_data
    TO overlord_agent_ro;
