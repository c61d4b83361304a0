package dev.overlord.persistence.projection;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.overlord.persistence.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forgets portals that nobody has seen for a while ({@code keep-for}, an hour by default). */
public final class PortalExpiry {

  private static final Logger log = LoggerFactory.getLogger(PortalExpiry.class);

  /**
   * How long a portal is kept after it was last seen, and how often old ones are deleted. Read from
   * {@code overlord.history.portals { keep-for, expire-every }}; either may be left out.
   */
  public record Settings(Duration keepFor, Duration expireEvery) {

    public static final Settings DEFAULTS = new Settings(Duration.ofHours(1), Duration.ofMinutes(1));

    public Settings {
      if (keepFor.isNegative() || keepFor.isZero()) throw new IllegalArgumentException("keep-for must be positive");
      if (expireEvery.isNegative() || expireEvery.isZero()) throw new IllegalArgumentException("expire-every must be positive");
    }

    public static Settings from(Config config) {
      String path = "overlord.history.portals";
      Config c = config.hasPath(path) ? config.getConfig(path) : ConfigFactory.empty();
      return new Settings(
          c.hasPath("keep-for") ? c.getDuration("keep-for") : DEFAULTS.keepFor(),
          c.hasPath("expire-every") ? c.getDuration("expire-every") : DEFAULTS.expireEvery());
    }
  }

  private final DataSource dataSource;
  private final Duration keepFor;
  private final Clock clock;

  public PortalExpiry(DataSource dataSource, Duration keepFor, Clock clock) {
    this.dataSource = dataSource;
    this.keepFor = keepFor;
    this.clock = clock;
  }

  /** Deletes the portals last seen longer than {@code keep-for} ago; blocks on JDBC. */
  public int expire() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM portals WHERE last_seen < ?")) {
      ps.setObject(1, clock.instant().minus(keepFor).atOffset(ZoneOffset.UTC));
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessException("expiring portals failed", e);
    }
  }

  /**
   * Runs {@link #expire} every {@code expireEvery} on the projections' JDBC dispatcher, never on an
   * actor's thread, until the system shuts down.
   */
  public static Cancellable schedule(ActorSystem<?> system, DataSource dataSource, Settings settings, Clock clock) {
    PortalExpiry expiry = new PortalExpiry(dataSource, settings.keepFor(), clock);
    Cancellable task = system.scheduler().scheduleWithFixedDelay(
        settings.expireEvery(),
        settings.expireEvery(),
        expiry::expireLogged,
        system.dispatchers().lookup(DispatcherSelector.fromConfig(CharacterProjection.JDBC_DISPATCHER)));
    // Stopped before the database pool closes, so a last run does not meet a closed pool.
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "stop-portal-expiry", () -> {
      task.cancel();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    return task;
  }

  private void expireLogged() {
    try {
      int deleted = expire();
      if (deleted > 0) log.debug("expired {} portal(s)", deleted);
    } catch (RuntimeException e) {
      // The next run tries again; one failed run must not end the schedule.
      log.warn("portal expiry failed: {}", e.toString());
    }
  }
}
