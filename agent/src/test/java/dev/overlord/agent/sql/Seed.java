package dev.overlord.agent.sql;

import dev.overlord.persistence.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A few rows in every visible table, written as the server's own user, so queries have something to read. */
final class Seed {
    private Seed() {}

    static void rows(Database database) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String name : new String[] {"Alpha", "Beta", "Gamma"}) {
                for (int i = 0; i < 40; i++) {
                    st.execute(
                            "INSERT INTO telemetry_events (character_name, ts, ew, ns, z, kills, kills_per_hour, deaths,"
                                    + " total_deaths, rares_found, prismatic_taper_count, vt_state, session_id, raw) VALUES ('"
                                    + name + "', CURRENT_TIMESTAMP - " + i + " * INTERVAL '10' MINUTE, " + i + ".5, -"
                                    + i
                                    + ".25, 1.0, " + (i * 3) + ", " + (i * 10.5) + ", 0, 1, 2, 5, '"
                                    + (i % 3 == 0 ? "Combat" : "Idle") + "', 's" + (i / 10) + "', '{}')");
                }
                st.execute("INSERT INTO spawn_events (character_name, ts, mob, ew, ns, z) VALUES ('" + name
                        + "', CURRENT_TIMESTAMP, 'Drudge', 1.0, 2.0, 0.0)");
                st.execute("INSERT INTO rare_events (character_name, ts, name, session_id, ew, ns, z, raw) VALUES ('"
                        + name + "', CURRENT_TIMESTAMP, 'Ridgeback Dagger', 's1', 1.0, 2.0, 0.0, '{}')");
                st.execute("INSERT INTO char_stats VALUES ('" + name + "', 100, 2, 1, 5, CURRENT_TIMESTAMP)");
                st.execute("INSERT INTO rare_stats VALUES ('" + name + "', 1, CURRENT_TIMESTAMP)");
                st.execute("INSERT INTO rare_stats_sessions VALUES ('" + name + "', 's1', 1, CURRENT_TIMESTAMP)");
                st.execute("INSERT INTO combat_stats VALUES ('" + name
                        + "', '{\"kills\": 5, \"damage_given\": 1200}', 1, CURRENT_TIMESTAMP)");
                st.execute("INSERT INTO combat_stats_sessions VALUES ('" + name
                        + "', 's1', '{\"kills\": 5}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                st.execute(
                        "INSERT INTO character_stats VALUES ('" + name
                                + "', '{\"level\": 275, \"race\": \"Aluvian\"}', '[\"Epic Strength\"]', '[]', CURRENT_TIMESTAMP)");
                st.execute("INSERT INTO character_xp_hours VALUES ('" + name
                        + "', CURRENT_TIMESTAMP, 1000, CURRENT_TIMESTAMP, 5000, CURRENT_TIMESTAMP)");
                st.execute("INSERT INTO inventories VALUES ('" + name + "', 1, 2, CURRENT_TIMESTAMP)");
                for (int item = 1; item <= 2; item++) {
                    st.execute(
                            "INSERT INTO items (character_name, item_id, name, name_lower, object_class, container_id,"
                                    + " equipped, material, armor_set, armor_level, max_damage, damage_type, workmanship, burden,"
                                    + " item_value, stack_size, updated_at) VALUES ('" + name + "', " + item
                                    + ", 'Long Sword "
                                    + item + "', 'long sword " + item + "', 'MeleeWeapon', 0, " + (item == 1)
                                    + ", 'Steel', 'Soldier''s', " + (100 * item) + ", " + (20 * item)
                                    + ", 'Slash', 8.5, 200, 1000, " + item + ", CURRENT_TIMESTAMP)");
                    st.execute("INSERT INTO item_combat_stats VALUES ('" + name + "', " + item + ", " + (100 * item)
                            + ", 20, 'Slash', 1.1)");
                    st.execute("INSERT INTO item_requirements VALUES ('" + name + "', " + item + ", 300, 'Sword')");
                    st.execute("INSERT INTO item_enhancements VALUES ('" + name + "', " + item + ", 'Steel', " + item
                            + ", 8.5)");
                    st.execute(
                            "INSERT INTO item_ratings VALUES ('" + name + "', " + item + ", 'damage', " + item + ")");
                    st.execute("INSERT INTO item_spells VALUES ('" + name + "', " + item
                            + ", 'epic strength', 'Epic Strength', 0)");
                    st.execute("INSERT INTO item_raw_data VALUES ('" + name + "', " + item + ", '{}')");
                }
            }
            st.execute("INSERT INTO portals VALUES (10, 20, 'Town Network', 1.0, 2.0, 0.0, 'Alpha',"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            st.execute(
                    "INSERT INTO server_status (id, status, players, latency_ms, checked_at) VALUES (1, 'up', 40, 120,"
                            + " CURRENT_TIMESTAMP)");
        }
    }
}
