package dev.overlord.http.telemetry;

import dev.overlord.persistence.Vendor;

/** {@link TelemetryRoutesContract} on a fresh Postgres database. */
class PostgresTelemetryRoutesTest extends TelemetryRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
