package dev.overlord.agent.history;

import dev.overlord.persistence.Vendor;

class H2AgentSessionsTest extends AgentSessionsContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
