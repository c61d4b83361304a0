package dev.overlord.persistence.projection;

import dev.overlord.character.CharacterEvent;
import java.sql.SQLException;
import java.util.Set;

/**
 * One read model's part of the character projection: the events it wants and how it writes them,
 * inside the group's transaction (see {@link CharacterProjectionHandler}).
 */
public interface FeatureHandler {

    /** Shown for a rare or portal whose frame had no name: the columns need one. */
    String UNNAMED = "unknown";

    /** The event kinds this read model writes; it is handed no others. */
    Set<Class<? extends CharacterEvent>> events();

    /**
     * Of {@link #events()}, the kinds whose write replaces everything the previous event of the kind
     * (for the same character) wrote: of those only the group's latest is handed over.
     */
    default Set<Class<? extends CharacterEvent>> superseding() {
        return Set.of();
    }

    /** Writes one event of {@code character}. */
    void apply(GroupStatements statements, String character, CharacterEvent event) throws SQLException;
}
