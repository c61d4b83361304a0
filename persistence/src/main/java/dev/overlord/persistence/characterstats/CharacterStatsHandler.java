package dev.overlord.persistence.characterstats;

import static dev.overlord.persistence.projection.GroupStatements.utc;

import dev.overlord.character.CharacterEvent;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.projection.FeatureHandler;
import dev.overlord.persistence.projection.GroupStatements;
import dev.overlord.persistence.projection.Upsert;
import java.sql.SQLException;
import java.util.Set;

/**
 * Writes a character's lifetime counters (char_stats) and its latest stats, cantrips and quests
 * (character_stats), the payloads taken out of the journaled frames by {@link CharacterDocuments}.
 */
public final class CharacterStatsHandler implements FeatureHandler {

    private static final Set<Class<? extends CharacterEvent>> EVENTS = Set.of(
            CharacterEvent.LifetimeCountersChanged.class, CharacterEvent.CharacterStatsUpdated.class,
            CharacterEvent.CantripsUpdated.class, CharacterEvent.QuestsUpdated.class);

    private final String lifetimeCounters;
    private final String stats;
    private final String cantrips;
    private final String quests;

    public CharacterStatsHandler(Vendor vendor) {
        lifetimeCounters = Upsert.into("char_stats")
                .key("character_name", "VARCHAR")
                .value("total_kills", "BIGINT")
                .value("total_deaths", "BIGINT")
                .value("total_tapers", "BIGINT")
                .value("updated_at", "TIMESTAMP WITH TIME ZONE")
                .replace("total_kills", "total_deaths", "total_tapers", "updated_at")
                .sql(vendor);
        stats = characterStats(vendor, "stats");
        cantrips = characterStats(vendor, "cantrips");
        quests = characterStats(vendor, "quests");
    }

    /** One column of character_stats; a first row without stats yet has NULL stats. */
    private static String characterStats(Vendor vendor, String column) {
        Upsert u =
                Upsert.into("character_stats").key("character_name", "VARCHAR").value("stats", "CLOB");
        if (!column.equals("stats")) u.value(column, "CLOB");
        return u.value("updated_at", "TIMESTAMP WITH TIME ZONE")
                .replace(column, "updated_at")
                .sql(vendor);
    }

    @Override
    public Set<Class<? extends CharacterEvent>> events() {
        return EVENTS;
    }

    /** Each replaces its column(s) whole. */
    @Override
    public Set<Class<? extends CharacterEvent>> superseding() {
        return EVENTS;
    }

    @Override
    public void apply(GroupStatements c, String character, CharacterEvent event) throws SQLException {
        switch (event) {
            case CharacterEvent.LifetimeCountersChanged e ->
                c.update(lifetimeCounters, character, e.kills(), e.deaths(), e.tapers(), utc(e.at()));
            case CharacterEvent.CharacterStatsUpdated e ->
                c.update(stats, character, CharacterDocuments.stats(e.stats()), utc(e.at()));
            case CharacterEvent.CantripsUpdated e ->
                c.update(cantrips, character, null, CharacterDocuments.cantrips(e.cantrips()), utc(e.at()));
            case CharacterEvent.QuestsUpdated e ->
                c.update(quests, character, null, CharacterDocuments.quests(e.quests()), utc(e.at()));
            default -> {}
        }
    }
}
