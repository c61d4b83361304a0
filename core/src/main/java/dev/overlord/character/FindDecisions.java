package dev.overlord.character;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.character.CharacterEvent.PortalSeen;
import dev.overlord.character.CharacterEvent.RareFound;
import dev.overlord.protocol.PluginFrame;
import java.time.Instant;

/** Rares and portals: every rare frame is a rare found, every placed portal frame a portal seen. */
final class FindDecisions {
    private FindDecisions() {}

    static Decision finds(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        return switch (frame.frame()) {
            case PluginFrame.Rare r -> {
                ObjectNode j = r.envelope().json();
                JsonNode id = j.get("session_id");
                String session =
                        frame.pluginSession(id != null && id.isValueNode() && !id.isNull() ? id.asText() : null);
                yield Decision.of(
                        ephemeral,
                        new RareFound(
                                now,
                                r.rareName(),
                                session,
                                number(j, "ew"),
                                number(j, "ns"),
                                number(j, "z"),
                                j.toString()));
            }
            // A portal without a place cannot be put on the map.
            case PluginFrame.Portal p
            when p.ew() != null && p.ns() != null ->
                Decision.of(ephemeral, new PortalSeen(now, p.portalName(), p.ew(), p.ns(), p.z()));
            default -> Decision.none(ephemeral);
        };
    }

    /** A number the plugin may send as a number or as numeric text; anything else is absent. */
    private static Double number(ObjectNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) return null;
        double d;
        if (n.isNumber()) {
            d = n.doubleValue();
        } else if (n.isTextual()) {
            try {
                d = Double.parseDouble(n.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return Double.isFinite(d) ? d : null;
    }
}
