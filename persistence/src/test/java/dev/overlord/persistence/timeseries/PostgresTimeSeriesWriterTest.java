package dev.overlord.persistence.timeseries;

import dev.overlord.persistence.Vendor;

/** On PostgreSQL the writer uses COPY, so this also covers COPY's escaping. */
class PostgresTimeSeriesWriterTest extends TimeSeriesWriterContract {
    @Override
    protected Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
