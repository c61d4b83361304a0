package dev.overlord.persistence.portals;

import dev.overlord.jobs.PeriodicJob;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The job that forgets portals nobody has seen for {@link PortalSettings#keepFor()}. */
public final class PortalExpiry {

    private static final Logger log = LoggerFactory.getLogger(PortalExpiry.class);

    private final DataSource dataSource;
    private final PortalSettings settings;
    private final Duration keepFor;
    private final Clock clock;

    public PortalExpiry(DataSource dataSource, PortalSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.keepFor = settings.keepFor();
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

    /** Runs {@link #expire} every {@code expire-every} as a {@link PeriodicJob}, until the system shuts down. */
    public PeriodicJob schedule(ActorSystem<?> system, Executor blocking, Metrics metrics) {
        return PeriodicJob.start(
                system,
                new PeriodicJob.Schedule("portal-expiry", settings.expireEvery(), settings.expireEvery()),
                blocking,
                metrics,
                () -> {
                    int deleted = expire();
                    if (deleted > 0) log.debug("expired {} portal(s)", deleted);
                });
    }
}
