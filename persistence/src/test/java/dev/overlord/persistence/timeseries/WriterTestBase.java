package dev.overlord.persistence.timeseries;

import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.testing.DatabaseTestBase;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A migrated database with empty time-series tables, an actor system, and writers to start on it. */
abstract class WriterTestBase extends DatabaseTestBase {

    ActorTestKit testKit;
    Metrics metrics;

    @BeforeAll
    void startActorSystem() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    void stopActorSystem() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void emptyTables() {
        TimeSeriesTestTables.reset(database());
        metrics = new Metrics();
    }

    static TimeSeriesSettings settings(int bound, int batchSize, Duration maxDelay) {
        return new TimeSeriesSettings(
                bound, batchSize, maxDelay, Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    TimeSeriesWriter writer(TimeSeriesSettings settings) {
        return writer(database().dataSource(), settings);
    }

    TimeSeriesWriter writer(DataSource dataSource, TimeSeriesSettings settings) {
        return TimeSeriesWriter.start(
                testKit.system(),
                new TimeSeriesStore(dataSource, vendor()),
                settings,
                metrics,
                testKit.system().dispatchers().lookup(DispatcherSelector.blocking()),
                Clock.systemUTC());
    }

    long rows(String table) {
        return TimeSeriesTestTables.count(database().dataSource(), "SELECT COUNT(*) FROM " + table);
    }

    long written(TimeSeriesTable table) {
        return metrics.value(TimeSeriesWriter.WRITTEN, "table", table.tableName());
    }

    long dropped(String reason) {
        return metrics.value(TimeSeriesWriter.DROPPED, "reason", reason);
    }

    long batches() {
        return metrics.histogram(TimeSeriesWriter.WRITE_SECONDS, "").count();
    }
}
