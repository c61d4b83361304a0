package dev.overlord.persistence.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.overlord.persistence.SqlValues;
import dev.overlord.persistence.testing.DatabaseTestBase;
import dev.overlord.persistence.testing.ReadModelRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The day's totals read from rows written straight into the tables: the day's bounds follow the
 * zone, a session's counts before the day are subtracted, pauses in telemetry are offline time, and
 * XP is the day's last total less the last one before it.
 */
public abstract class DigestQueriesContract extends DatabaseTestBase {
    static final LocalDate DAY = LocalDate.parse("2025-06-14");
    static final ZoneId ZONE = ZoneOffset.ofHours(2);
    static final Instant START = DAY.atStartOfDay(ZONE).toInstant(); // 2025-06-13T22:00:00Z

    DigestQueries queries;

    @BeforeEach
    void clear() {
        new ReadModelRows(database().dataSource()).clear();
        queries = new DigestQueries(database().dataSource(), database().vendor());
    }

    @Test
    void aDayIsBoundedInItsZoneAndCountsWhatEachSessionAdded() throws SQLException {
        telemetry("Ann", "s1", START.minusSeconds(60), 40, 3); // the day before in the zone (but the same UTC day)
        telemetry("Ann", "s1", START.plusSeconds(60), 45, 3);
        telemetry("Ann", "s1", START.plusSeconds(90), 52, 4);
        telemetry("Ann", "s2", START.plusSeconds(3_600), 9, 1);
        telemetry("Ann", "s2", START.plus(Duration.ofHours(24)), 99, 9); // the next day
        telemetry("Bob", "b1", START.minusSeconds(10), 5, 0); // only the day before
        rare("Cid", START.plusSeconds(5));
        rare("Cid", START.minusSeconds(5));

        Map<String, DayTotals> day = byName(queries.day(DAY, ZONE));

        assertEquals(List.of("Ann", "Cid"), List.copyOf(new java.util.TreeSet<>(day.keySet())));
        DayTotals ann = day.get("Ann");
        assertEquals(12 + 9, ann.kills());
        assertEquals(1 + 1, ann.deaths());
        assertEquals(0, ann.rares());
        assertEquals(Duration.ofSeconds(30), ann.online()); // 60 -> 90 s; the hour's pause is offline
        assertNull(ann.xp());
        assertEquals(1, day.get("Cid").rares());
        assertEquals(0, day.get("Cid").kills());
    }

    @Test
    void xpIsTheDaysLastTotalLessTheLastOneBeforeIt() throws SQLException {
        xp("Ann", START.minus(Duration.ofHours(1)), 900, 1_000);
        xp("Ann", START.plus(Duration.ofHours(3)), 1_200, 1_300);
        xp("Ann", START.plus(Duration.ofHours(9)), 1_400, 1_700);
        xp("Bob", START.plus(Duration.ofHours(2)), 50, 80); // nothing before: from the day's first total
        xp("Cid", START.minus(Duration.ofHours(5)), 5_000, 5_000);
        xp("Cid", START.plus(Duration.ofHours(1)), 100, 120); // a total that went down counts nothing
        telemetry("Ann", "s", START.plusSeconds(1), 1, 0);
        telemetry("Bob", "s", START.plusSeconds(1), 1, 0);
        telemetry("Cid", "s", START.plusSeconds(1), 1, 0);

        Map<String, DayTotals> day = byName(queries.day(DAY, ZONE));

        assertEquals(700L, day.get("Ann").xp());
        assertEquals(30L, day.get("Bob").xp());
        assertEquals(0L, day.get("Cid").xp());
    }

    @Test
    void oldXpSamplesAreForgotten() throws SQLException {
        xp("Ann", START.minus(Duration.ofDays(40)), 1, 2);
        xp("Ann", START, 3, 4);
        assertEquals(1, queries.forgetXpBefore(START.minus(Duration.ofDays(30))));
        assertEquals(0, queries.forgetXpBefore(START.minus(Duration.ofDays(30))));
    }

    static Map<String, DayTotals> byName(List<DayTotals> totals) {
        return totals.stream().collect(Collectors.toMap(DayTotals::character, Function.identity()));
    }

    void telemetry(String who, String session, Instant ts, long kills, long deaths) throws SQLException {
        insert(
                "INSERT INTO telemetry_events (character_name, ts, ew, ns, z, kills, deaths, session_id)"
                        + " VALUES (?, ?, 1, 2, 0, ?, ?, ?)",
                who,
                ts,
                kills,
                deaths,
                session);
    }

    void rare(String who, Instant ts) throws SQLException {
        insert("INSERT INTO rare_events (character_name, ts, name) VALUES (?, ?, 'Pearl')", who, ts);
    }

    void xp(String who, Instant hour, long first, long last) throws SQLException {
        insert(
                "INSERT INTO character_xp_hours (character_name, hour_start, first_xp, first_at, last_xp, last_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                who,
                hour,
                first,
                hour,
                last,
                hour.plusSeconds(600));
    }

    void insert(String sql, Object... params) throws SQLException {
        try (Connection c = database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Instant t) SqlValues.setInstant(ps, i + 1, t);
                else ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
