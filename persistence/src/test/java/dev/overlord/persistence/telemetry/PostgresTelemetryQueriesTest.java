package dev.overlord.persistence.telemetry;

import dev.overlord.persistence.Vendor;

class PostgresTelemetryQueriesTest extends TelemetryQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
