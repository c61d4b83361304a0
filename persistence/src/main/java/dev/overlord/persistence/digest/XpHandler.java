package dev.overlord.persistence.digest;

import static dev.overlord.persistence.projection.GroupStatements.utc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.character.CharacterEvent;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.projection.FeatureHandler;
import dev.overlord.persistence.projection.GroupStatements;
import dev.overlord.persistence.projection.Upsert;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Samples each character's {@code total_xp} from its character_stats frames into
 * {@code character_xp_hours} (the first and last value of every UTC hour), so the digest can tell
 * the experience a day earned; character_stats itself keeps only the latest frame. A replayed event
 * changes nothing: the first value is the earliest-timed one, the last the latest-timed one.
 */
public final class XpHandler implements FeatureHandler {

    /** A total beyond this is not experience but a damaged frame. */
    static final long MAX_XP = 1_000_000_000_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Class<? extends CharacterEvent>> EVENTS =
            Set.of(CharacterEvent.CharacterStatsUpdated.class);

    private final String sample;

    public XpHandler(Vendor vendor) {
        sample = Upsert.into("character_xp_hours")
                .key("character_name", "VARCHAR")
                .key("hour_start", "TIMESTAMP WITH TIME ZONE")
                .value("first_xp", "BIGINT")
                .value("first_at", "TIMESTAMP WITH TIME ZONE")
                .value("last_xp", "BIGINT")
                .value("last_at", "TIMESTAMP WITH TIME ZONE")
                // The values first: their conditions read the times before those change.
                .set("first_xp", "CASE WHEN %1$s.first_at < t.first_at THEN %1$s.first_xp ELSE t.first_xp END")
                .set("last_xp", "CASE WHEN %1$s.last_at >= t.last_at THEN %1$s.last_xp ELSE t.last_xp END")
                .set("first_at", "LEAST(t.first_at, %1$s.first_at)")
                .set("last_at", "GREATEST(t.last_at, %1$s.last_at)")
                .sql(vendor);
    }

    @Override
    public Set<Class<? extends CharacterEvent>> events() {
        return EVENTS;
    }

    @Override
    public void apply(GroupStatements statements, String character, CharacterEvent event) throws SQLException {
        if (!(event instanceof CharacterEvent.CharacterStatsUpdated e)) return;
        Long xp = totalXp(e.stats());
        if (xp == null) return;
        Instant hour = e.at().truncatedTo(ChronoUnit.HOURS);
        statements.update(sample, character, utc(hour), xp, utc(e.at()), xp, utc(e.at()));
    }

    /** The frame's {@code total_xp} (a number or a numeric string), null when absent or unusable. */
    static Long totalXp(String stats) {
        JsonNode v;
        try {
            v = JSON.readTree(stats).get("total_xp");
        } catch (Exception unreadable) {
            return null; // the stats handler stores it as sent; there is no experience to sample
        }
        if (v == null || !(v.isNumber() || v.isTextual())) return null;
        try {
            BigDecimal d = new BigDecimal(v.asText().strip());
            if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(MAX_XP)) > 0) return null;
            return d.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException notANumber) {
            return null;
        }
    }
}
