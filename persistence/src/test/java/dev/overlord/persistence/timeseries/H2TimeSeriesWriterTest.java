package dev.overlord.persistence.timeseries;

import dev.overlord.persistence.Vendor;

class H2TimeSeriesWriterTest extends TimeSeriesWriterContract {
    @Override
    protected Vendor vendor() {
        return Vendor.H2;
    }
}
