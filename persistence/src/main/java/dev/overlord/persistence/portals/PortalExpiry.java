package dev.overlord.persistence.portals;

import dev.overlord.persistence.DataAccessException;
import dev.overlord.persistence.projection.CharacterProjection;
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

/** The job that forgets portals nobody has seen for {@link PortalSettings#keepFor()}. */
public final class PortalExpiry {

  private static final Logger log = LoggerFactory.getLogger(PortalExpiry.class);

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
  public static Cancellable schedule(ActorSystem<?> system, DataSource dataSource, PortalSettings settings, Clock clock) {
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
