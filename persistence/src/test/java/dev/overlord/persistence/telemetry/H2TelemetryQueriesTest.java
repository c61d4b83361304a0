package dev.overlord.persistence.telemetry;

import dev.overlord.persistence.Vendor;

class H2TelemetryQueriesTest extends TelemetryQueriesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
