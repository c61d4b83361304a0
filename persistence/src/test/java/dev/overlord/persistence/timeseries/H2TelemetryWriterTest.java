package dev.overlord.persistence.timeseries;

import dev.overlord.persistence.Vendor;

class H2TelemetryWriterTest extends TelemetryWriterContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
