package dev.overlord.http.telemetry;

import dev.overlord.persistence.Vendor;

/** {@link TelemetryRoutesContract} on a fresh H2 database. */
class H2TelemetryRoutesTest extends TelemetryRoutesContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
