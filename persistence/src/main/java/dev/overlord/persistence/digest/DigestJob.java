package dev.overlord.persistence.digest;

import dev.overlord.alerts.Alert;
import dev.overlord.alerts.SystemAlerts;
import dev.overlord.jobs.PeriodicJob;
import dev.overlord.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily digest: once a day, at the configured time, an alert of kind {@code digest} for every
 * character active the day before (kills, deaths, rares, time online, XP). Each alert's id is
 * {@code digest:<character>:<day>} and {@link SystemAlerts} ignores an id it has seen, so running
 * again the same day (a restart, a second look) raises nothing new; a server that was down at the
 * time sends the latest due digest when it starts.
 */
public final class DigestJob {
    public static final String KIND = "digest";
    public static final String JOB = "digest";
    /** Shown for the XP of a day no character_stats frame told the total of. */
    public static final String NO_XP = "n/a";

    private static final Logger log = LoggerFactory.getLogger(DigestJob.class);

    private final DigestQueries queries;
    private final DigestSettings settings;
    private final SystemAlerts alerts;
    private final Clock clock;
    /** The last day this process reported: a tick finds nothing to do until the next one is due. */
    private volatile LocalDate reported;

    public DigestJob(DigestQueries queries, DigestSettings settings, SystemAlerts alerts, Clock clock) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The day whose digest is due at {@code now}: the day before the latest {@code at} (in
     * {@code zone}) not after {@code now}.
     */
    static LocalDate dueDay(Instant now, LocalTime at, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        boolean passed = !local.isBefore(today.atTime(at).atZone(zone));
        return passed ? today.minusDays(1) : today.minusDays(2);
    }

    /** Reports the due day unless this process already did; the alerts raised. */
    public List<Alert> runDue() {
        Instant now = clock.instant();
        queries.forgetXpBefore(now.minus(settings.keepXp()));
        LocalDate due = dueDay(now, settings.at(), settings.zone());
        if (due.equals(reported)) return List.of();
        List<Alert> raised = report(due);
        reported = due;
        return raised;
    }

    /** Raises the digest of {@code day} for every character active that day; the alerts raised. */
    public List<Alert> report(LocalDate day) {
        Instant at =
                day.plusDays(1).atTime(settings.at()).atZone(settings.zone()).toInstant();
        List<Alert> raised = new ArrayList<>();
        for (DayTotals totals : queries.day(day, settings.zone())) {
            Map<String, String> fields = fields(totals);
            Alert alert = new Alert(
                    id(totals.character(), day),
                    KIND,
                    totals.character(),
                    at,
                    Alert.INFO,
                    settings.title().render(fields),
                    settings.message().render(fields),
                    fields);
            alerts.raise(alert);
            raised.add(alert);
        }
        log.info("digest of {}: {} characters", day, raised.size());
        return raised;
    }

    /** Checks every {@code check-every} whether a digest is due, as a {@link PeriodicJob} named {@code digest}. */
    public PeriodicJob schedule(ActorSystem<?> system, java.util.concurrent.Executor blocking, Metrics metrics) {
        return PeriodicJob.start(
                system,
                new PeriodicJob.Schedule(JOB, settings.checkEvery(), settings.checkEvery()),
                blocking,
                metrics,
                this::runDue);
    }

    /** The alert's id: the same for the same character and day, whoever raises it and how often. */
    public static String id(String character, LocalDate day) {
        return "digest:" + character + ":" + day;
    }

    /** The names the templates may use; the alert carries them as its fields. */
    static Map<String, String> fields(DayTotals t) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("character_name", t.character());
        f.put("date", t.day().toString());
        f.put("kills", Long.toString(t.kills()));
        f.put("deaths", Long.toString(t.deaths()));
        f.put("rares", Long.toString(t.rares()));
        f.put("online", hoursAndMinutes(t.online()));
        f.put("online_minutes", Long.toString(t.online().toMinutes()));
        f.put("xp", t.xp() == null ? NO_XP : String.format(Locale.ROOT, "%,d", t.xp()));
        return f;
    }

    /** {@code 5h 07m}, or {@code 12m} under an hour. */
    static String hoursAndMinutes(Duration d) {
        long minutes = d.toMinutes();
        return minutes < 60 ? minutes + "m" : String.format(Locale.ROOT, "%dh %02dm", minutes / 60, minutes % 60);
    }
}
