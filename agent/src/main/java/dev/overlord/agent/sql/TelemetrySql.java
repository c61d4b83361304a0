package dev.overlord.agent.sql;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code query_telemetry_db}: one read-only query behind four walls (the parser guard, a role
 * that can only read the telemetry and stats tables, a statement timeout in a read-only
 * transaction, a row and a size cap). Blocking: call it off actors' and streams' threads.
 */
public interface TelemetrySql {
    /**
     * The answer: {@code {"columns":[...],"rows":[[...],...],"row_count":n,"truncated":bool,
     * "truncated_reason":null|"rows"|"bytes"}}.
     *
     * @throws SqlRefused when a wall refuses the query (the message says which and why)
     */
    ObjectNode query(String sql);
}
