package dev.overlord.persistence.rares;

import static dev.overlord.persistence.projection.GroupStatements.utc;

import dev.overlord.character.CharacterEvent;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.projection.FeatureHandler;
import dev.overlord.persistence.projection.GroupStatements;
import dev.overlord.persistence.projection.Upsert;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Set;

/** Writes each rare find (rare_events) and counts it per character, per session and in char_stats. */
public final class RaresHandler implements FeatureHandler {

    private static final String INSERT =
            "INSERT INTO rare_events (character_name, ts, name, session_id, ew, ns, z, raw)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final String charStatsRare;
    private final String rareStats;
    private final String rareStatsSession;

    public RaresHandler(Vendor vendor) {
        charStatsRare = Upsert.into("char_stats")
                .key("character_name", "VARCHAR")
                .value("total_rares", "BIGINT")
                .value("updated_at", "TIMESTAMP WITH TIME ZONE")
                .add("total_rares")
                .replace("updated_at")
                .sql(vendor);
        rareStats = Upsert.into("rare_stats")
                .key("character_name", "VARCHAR")
                .value("total_rares", "BIGINT")
                .value("updated_at", "TIMESTAMP WITH TIME ZONE")
                .add("total_rares")
                .replace("updated_at")
                .sql(vendor);
        rareStatsSession = Upsert.into("rare_stats_sessions")
                .key("character_name", "VARCHAR")
                .key("session_id", "VARCHAR")
                .value("rares", "BIGINT")
                .value("updated_at", "TIMESTAMP WITH TIME ZONE")
                .add("rares")
                .replace("updated_at")
                .sql(vendor);
    }

    @Override
    public Set<Class<? extends CharacterEvent>> events() {
        return Set.of(CharacterEvent.RareFound.class);
    }

    @Override
    public void apply(GroupStatements c, String character, CharacterEvent event) throws SQLException {
        if (!(event instanceof CharacterEvent.RareFound e)) return;
        OffsetDateTime at = utc(e.at());
        c.update(
                INSERT,
                character,
                at,
                Objects.requireNonNullElse(e.name(), UNNAMED),
                e.sessionId(),
                e.ew(),
                e.ns(),
                e.z(),
                e.raw());
        c.update(rareStats, character, 1L, at);
        c.update(charStatsRare, character, 1L, at);
        if (e.sessionId() != null) c.update(rareStatsSession, character, e.sessionId(), 1L, at);
    }
}
