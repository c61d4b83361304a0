package dev.overlord.persistence.portals;

import static dev.overlord.persistence.projection.GroupStatements.utc;

import dev.overlord.character.CharacterEvent;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.projection.FeatureHandler;
import dev.overlord.persistence.projection.GroupStatements;
import dev.overlord.persistence.projection.Upsert;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;

/** Keeps one portals row per place (coordinates rounded to 0.1) from the characters' sightings. */
public final class PortalsHandler implements FeatureHandler {

    private final String portal;

    public PortalsHandler(Vendor vendor) {
        // Slices project different characters independently, so sightings of one place by two
        // characters may arrive in either order: the earliest decides first_seen and discovered_by, the
        // latest the name, place and last_seen.
        String newer = "CASE WHEN %1$s.last_seen > t.last_seen THEN %1$s.";
        String earlier = "CASE WHEN %1$s.first_seen < t.first_seen THEN %1$s.";
        portal = Upsert.into("portals")
                .key("ew_tenths", "INTEGER")
                .key("ns_tenths", "INTEGER")
                .value("portal_name", "VARCHAR")
                .value("ew", "DOUBLE PRECISION")
                .value("ns", "DOUBLE PRECISION")
                .value("z", "DOUBLE PRECISION")
                .value("discovered_by", "VARCHAR")
                .value("first_seen", "TIMESTAMP WITH TIME ZONE")
                .value("last_seen", "TIMESTAMP WITH TIME ZONE")
                .set("portal_name", newer + "portal_name ELSE t.portal_name END")
                .set("ew", newer + "ew ELSE t.ew END")
                .set("ns", newer + "ns ELSE t.ns END")
                .set("z", newer + "z ELSE t.z END")
                .set("discovered_by", earlier + "discovered_by ELSE t.discovered_by END")
                .set("first_seen", "LEAST(t.first_seen, %1$s.first_seen)")
                .set("last_seen", "GREATEST(t.last_seen, %1$s.last_seen)")
                .sql(vendor);
    }

    @Override
    public Set<Class<? extends CharacterEvent>> events() {
        return Set.of(CharacterEvent.PortalSeen.class);
    }

    @Override
    public void apply(GroupStatements c, String character, CharacterEvent event) throws SQLException {
        if (!(event instanceof CharacterEvent.PortalSeen e)) return;
        c.update(
                portal,
                tenths(e.ew()),
                tenths(e.ns()),
                Objects.requireNonNullElse(e.name(), UNNAMED),
                e.ew(),
                e.ns(),
                e.z(),
                character,
                utc(e.at()),
                utc(e.at()));
    }

    /** Portals are one row per place: coordinates rounded to 0.1, kept as whole tenths. */
    static int tenths(double coordinate) {
        return (int) Math.round(coordinate * 10);
    }
}
