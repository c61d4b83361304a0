package dev.overlord.agent.history;

import dev.overlord.persistence.Vendor;

class PostgresAgentSessionsTest extends AgentSessionsContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
