package dev.overlord.persistence.projection;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.character.CharacterEntity;
import dev.overlord.character.CharacterEvent;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.alerts.OutboxWake;
import dev.overlord.persistence.setaside.SetAside;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.GroupedProjection;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Wires the character history projection: one exactly-once JDBC projection per tag slice of the
 * character events, run as a sharded daemon process so each slice runs once in the cluster.
 *
 * <p>Events are handled in groups (up to {@value #GROUP_ENVELOPES} events or
 * {@link #GROUP_WITHIN}, whichever comes first), each group in one transaction together with its
 * offset: still exactly once, but one commit and one offset write per group instead of per event,
 * which is what lets the projections keep up with the journal under load.
 */
public final class CharacterProjection {

    /** The projection's name in the offset store; each slice's tag is its key. */
    public static final String NAME = "character-history";

    /** The dispatcher the projections (and {@link PortalExpiry}) do their JDBC on. */
    public static final String JDBC_DISPATCHER = "pekko.projection.jdbc.blocking-jdbc-dispatcher";

    /** The most events one transaction handles. */
    public static final int GROUP_ENVELOPES = 500;

    /** How long a group waits to fill: the most the history tables lag an idle journal by. */
    public static final Duration GROUP_WITHIN = Duration.ofMillis(250);

    private CharacterProjection() {}

    /**
     * What pekko-projection-jdbc needs in the ActorSystem's configuration: the vendor's dialect and a
     * thread per slice. Layer it above the application config (its reference.conf leaves the dialect
     * empty), e.g. {@code JournalConfig.forDatabase(s).withFallback(CharacterProjection.config(v))}.
     */
    public static Config config(Vendor vendor) {
        String dialect = switch (vendor) {
            case H2 -> "h2-dialect";
            case POSTGRESQL -> "postgres-dialect";
        };
        return ConfigFactory.parseMap(
                Map.of(
                        "pekko.projection.jdbc.dialect",
                        dialect,
                        // One transaction per slice at a time: as many threads as slices, each holding a connection.
                        JDBC_DISPATCHER + ".thread-pool-executor.fixed-pool-size",
                        CharacterEntity.TAG_SLICES),
                "CharacterProjection.config");
    }

    /** Starts the slices, counting set-aside events in a registry of their own (for tests). */
    public static void init(ActorSystem<?> system, DataSource dataSource, Vendor vendor) {
        init(system, dataSource, vendor, new Metrics());
    }

    /** Starts the slices; the journal and the migrated database must be up. */
    public static void init(ActorSystem<?> system, DataSource dataSource, Vendor vendor, Metrics metrics) {
        init(system, dataSource, vendor, metrics, new OutboxWake());
    }

    /**
     * Starts the slices; the journal and the migrated database must be up. {@code outboxWake} is
     * told whenever an alert delivery is queued.
     */
    public static void init(
            ActorSystem<?> system, DataSource dataSource, Vendor vendor, Metrics metrics, OutboxWake outboxWake) {
        SetAside setAside = new SetAside(metrics, Clock.systemUTC());
        ShardedDaemonProcess.get(system)
                .init(
                        ProjectionBehavior.Command.class,
                        NAME,
                        CharacterEntity.TAG_SLICES,
                        slice -> ProjectionBehavior.create(
                                create(system, dataSource, vendor, CharacterEntity.tag(slice), setAside, outboxWake)),
                        ShardedDaemonProcessSettings.create(system),
                        Optional.of(ProjectionBehavior.stopMessage()));
    }

    /** The projection of one tag slice, for {@link #init} and for tests that run it alone. */
    public static GroupedProjection<Offset, EventEnvelope<CharacterEvent>> create(
            ActorSystem<?> system, DataSource dataSource, Vendor vendor, String tag, SetAside setAside) {
        return create(system, dataSource, vendor, tag, setAside, new OutboxWake());
    }

    /** As {@link #create(ActorSystem, DataSource, Vendor, String, SetAside)}, telling {@code outboxWake} of queued deliveries. */
    public static GroupedProjection<Offset, EventEnvelope<CharacterEvent>> create(
            ActorSystem<?> system,
            DataSource dataSource,
            Vendor vendor,
            String tag,
            SetAside setAside,
            OutboxWake outboxWake) {
        SourceProvider<Offset, EventEnvelope<CharacterEvent>> events =
                EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag);
        return JdbcProjection.groupedWithin(
                        ProjectionId.of(NAME, tag),
                        events,
                        () -> new PlainJdbcSession(dataSource),
                        () -> new CharacterProjectionHandler(vendor, NAME + "/" + tag, setAside, outboxWake),
                        system)
                .withGroup(GROUP_ENVELOPES, GROUP_WITHIN);
    }
}
