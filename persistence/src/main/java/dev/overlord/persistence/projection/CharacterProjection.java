package dev.overlord.persistence.projection;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.character.CharacterEntity;
import dev.overlord.character.CharacterEvent;
import dev.overlord.persistence.Vendor;
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
import org.apache.pekko.projection.javadsl.ExactlyOnceProjection;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Wires the character history projection: one exactly-once JDBC projection per tag slice of the
 * character events, run as a sharded daemon process so each slice runs once in the cluster.
 */
public final class CharacterProjection {

  /** The projection's name in the offset store; each slice's tag is its key. */
  public static final String NAME = "character-history";

  /** The dispatcher the projections (and {@link PortalExpiry}) do their JDBC on. */
  public static final String JDBC_DISPATCHER = "pekko.projection.jdbc.blocking-jdbc-dispatcher";

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
    return ConfigFactory.parseMap(Map.of(
        "pekko.projection.jdbc.dialect", dialect,
        // One transaction per slice at a time: as many threads as slices, each holding a connection.
        JDBC_DISPATCHER + ".thread-pool-executor.fixed-pool-size", CharacterEntity.TAG_SLICES),
        "CharacterProjection.config");
  }

  /** Starts the slices; the journal and the migrated database must be up. */
  public static void init(ActorSystem<?> system, DataSource dataSource, Vendor vendor) {
    ShardedDaemonProcess.get(system).init(
        ProjectionBehavior.Command.class,
        NAME,
        CharacterEntity.TAG_SLICES,
        slice -> ProjectionBehavior.create(create(system, dataSource, vendor, CharacterEntity.tag(slice))),
        ShardedDaemonProcessSettings.create(system),
        Optional.of(ProjectionBehavior.stopMessage()));
  }

  /** The projection of one tag slice, for {@link #init} and for tests that run it alone. */
  public static ExactlyOnceProjection<Offset, EventEnvelope<CharacterEvent>> create(
      ActorSystem<?> system, DataSource dataSource, Vendor vendor, String tag) {
    SourceProvider<Offset, EventEnvelope<CharacterEvent>> events =
        EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag);
    return JdbcProjection.exactlyOnce(
        ProjectionId.of(NAME, tag),
        events,
        () -> new PlainJdbcSession(dataSource),
        () -> new CharacterProjectionHandler(vendor),
        system);
  }
}
