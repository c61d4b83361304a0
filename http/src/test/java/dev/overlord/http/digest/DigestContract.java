package dev.overlord.http.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.overlord.alerts.Alert;
import dev.overlord.alerts.SystemAlerts;
import dev.overlord.http.testing.ApiContract;
import dev.overlord.http.testing.Frames;
import dev.overlord.http.testing.SocketClient;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.digest.DigestJob;
import dev.overlord.persistence.digest.DigestQueries;
import dev.overlord.persistence.digest.DigestSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The daily digest the whole way: telemetry, rare and character_stats frames go in over a real
 * plugin socket to a started server, then the digest of that day is run against its database with
 * a recording {@link SystemAlerts}, and the message holds the numbers the frames add up to.
 *
 * <p>Rares and XP samples are stamped with the server's time, so the day is the current one in a
 * zone where it is about noon now: every frame sent here, and the hour before the day, fall clear
 * of midnight.
 */
public abstract class DigestContract extends ApiContract {

    static final String HUNTER = "Digest Hunter";
    static final String FINDER = "Digest Finder";
    static final String YESTERDAY_ONLY = "Digest Sleeper";

    /** Keeps the first alert of each id, as the real one does. */
    static final class RecordingAlerts implements SystemAlerts {
        final Map<String, Alert> byId = new ConcurrentHashMap<>();
        int raised;

        @Override
        public synchronized void raise(Alert alert) {
            raised++;
            byId.putIfAbsent(alert.id(), alert);
        }
    }

    @Test
    void theDigestOfADaySumsWhatTheFramesSaid() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ZoneOffset zone = ZoneOffset.ofHours(12 - now.atZone(ZoneOffset.UTC).getHour());
        LocalDate day = now.atZone(zone).toLocalDate();
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant t = now.minus(2, ChronoUnit.HOURS);

        try (SocketClient plugin = overlord.plugin()) {
            // Session s1 began the day before with 100 kills and 1 death: only what it added today counts.
            plugin.send(telemetry(HUNTER, "s1", dayStart.minus(1, ChronoUnit.HOURS), 100, 1));
            plugin.send(telemetry(YESTERDAY_ONLY, "z1", dayStart.minus(30, ChronoUnit.MINUTES), 7, 0));
            // Today: s1 goes to 130 kills and 2 deaths (30 s apart: 90 s online) ...
            plugin.send(telemetry(HUNTER, "s1", t, 110, 1));
            plugin.send(telemetry(HUNTER, "s1", t.plusSeconds(30), 120, 2));
            plugin.send(telemetry(HUNTER, "s1", t.plusSeconds(60), 125, 2));
            plugin.send(telemetry(HUNTER, "s1", t.plusSeconds(90), 130, 2));
            // ... a pause of 10 minutes (offline), then a new session s2 with 20 kills and 1 death (60 s online).
            plugin.send(telemetry(HUNTER, "s2", t.plusSeconds(690), 5, 0));
            plugin.send(telemetry(HUNTER, "s2", t.plusSeconds(720), 12, 1));
            plugin.send(telemetry(HUNTER, "s2", t.plusSeconds(750), 20, 1));
            plugin.send(Frames.rare(HUNTER, "Pearl of Spirit Ward"));
            plugin.send(Frames.rare(HUNTER, "Star of Tukal"));
            plugin.send(Frames.rare(FINDER, "Dark Heart"));
            plugin.send(stats(HUNTER, 191_226_310_000L));
            awaitRows("SELECT last_xp FROM character_xp_hours WHERE character_name = ?", HUNTER, 191_226_310_000L);
            // A second stats frame after the first is stored: the day's XP is the difference.
            plugin.send(stats(HUNTER, 191_226_810_500L));
        }
        awaitRows("SELECT MAX(last_xp) FROM character_xp_hours WHERE character_name = ?", HUNTER, 191_226_810_500L);
        awaitRows("SELECT COUNT(*) FROM rare_events WHERE character_name = ?", HUNTER, 2);
        awaitRows("SELECT COUNT(*) FROM rare_events WHERE character_name = ?", FINDER, 1);
        awaitRows("SELECT COUNT(*) FROM telemetry_events WHERE character_name = ?", HUNTER, 8);
        awaitRows("SELECT COUNT(*) FROM telemetry_events WHERE character_name = ?", YESTERDAY_ONLY, 1);

        DigestSettings settings = settings(zone);
        Database database = overlord.server().database();
        DigestQueries queries = new DigestQueries(database.dataSource(), database.vendor());
        Clock dueClock = Clock.fixed(day.plusDays(1).atTime(6, 1).atZone(zone).toInstant(), ZoneOffset.UTC);
        RecordingAlerts alerts = new RecordingAlerts();

        List<Alert> raised = new DigestJob(queries, settings, alerts, dueClock).runDue();

        assertEquals(
                List.of(FINDER, HUNTER),
                raised.stream().map(Alert::characterName).toList());
        Alert hunter = alerts.byId.get("digest:" + HUNTER + ":" + day);
        assertEquals(HUNTER + " on " + day + ": 50 kills, 2 deaths, 2 rares, 2m online, 500,500 XP", hunter.message());
        assertEquals("Daily digest: " + HUNTER + ", " + day, hunter.title());
        assertEquals(DigestJob.KIND, hunter.kind());
        assertEquals(Alert.INFO, hunter.severity());
        assertEquals("2", hunter.fields().get("online_minutes")); // 90 s + 60 s; the 10-minute pause is not counted
        assertEquals("50", hunter.fields().get("kills"));
        assertEquals(day.plusDays(1).atTime(LocalTime.of(6, 0)).atZone(zone).toInstant(), hunter.at());

        Alert finder = alerts.byId.get("digest:" + FINDER + ":" + day);
        assertEquals(FINDER + " on " + day + ": 0 kills, 0 deaths, 1 rares, 0m online, n/a XP", finder.message());
        assertFalse(
                alerts.byId.keySet().stream().anyMatch(id -> id.contains(YESTERDAY_ONLY)),
                alerts.byId.keySet().toString());

        // Another look the same day raises nothing; a restarted job raises the same alerts under the same ids.
        DigestJob job = new DigestJob(queries, settings, alerts, dueClock);
        List<Alert> again = job.runDue();
        assertEquals(raised, again);
        assertTrue(job.runDue().isEmpty());
        assertEquals(4, alerts.raised);
        assertEquals(2, alerts.byId.size());
    }

    static DigestSettings settings(ZoneOffset zone) {
        return DigestSettings.from(
                ConfigFactory.parseString("""
                        overlord.alerts.digest { enabled = true, zone = "%s", target = "discord-channel:42" }
                        """.formatted(zone.getId())).withFallback(ConfigFactory.defaultReference()));
    }

    static ObjectNode telemetry(String character, String session, Instant at, long kills, long deaths) {
        ObjectNode f = Frames.telemetry(character, 10.5, -20.25, kills);
        f.put("timestamp", at.toString());
        f.put("session_id", session);
        f.put("deaths", deaths);
        return f;
    }

    static ObjectNode stats(String character, long totalXp) {
        ObjectNode f = Frames.of("character_stats", character);
        f.put("level", 275);
        f.put("total_xp", totalXp);
        f.put("unassigned_xp", 0);
        return f;
    }

    /** Waits until {@code sql} (one parameter, the character) answers {@code expected}. */
    void awaitRows(String sql, String character, long expected) {
        SocketClient.waiting(sql + " for " + character + " to be " + expected)
                .until(() -> single(sql, character), v -> v != null && v == expected);
    }

    Long single(String sql, String character) throws SQLException {
        try (Connection c = overlord.server().database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, character);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }
}
