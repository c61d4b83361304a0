package dev.overlord.character;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.character.CharacterEvent.CantripsUpdated;
import dev.overlord.character.CharacterEvent.CharacterStatsUpdated;
import dev.overlord.character.CharacterEvent.QuestsUpdated;
import dev.overlord.character.CharacterState.DocumentDigests;
import dev.overlord.protocol.FrameEnvelope;
import dev.overlord.protocol.FrameParser;
import dev.overlord.protocol.PluginFrame;
import java.time.Instant;
import java.util.List;

/** Stats, cantrips and quests: each journaled when it differs from the last one journaled. */
final class DocumentDecisions {
    private DocumentDecisions() {}

    static Decision documents(CharacterState state, Ephemeral ephemeral, SessionFrame frame, Instant now) {
        DocumentDigests last = state.documents();
        return switch (frame.frame()) {
            case PluginFrame.CharacterStats f -> {
                String stats = document(f.envelope());
                yield changed(stats, last.stats())
                        ? Decision.of(ephemeral, new CharacterStatsUpdated(now, stats))
                        : Decision.none(ephemeral);
            }
            case PluginFrame.EquipmentCantripState f -> {
                String cantrips = document(f.envelope());
                yield changed(cantrips, last.cantrips())
                        ? Decision.of(ephemeral, new CantripsUpdated(now, cantrips))
                        : Decision.none(ephemeral);
            }
            case PluginFrame.Quest f -> {
                String quests = document(f.envelope());
                yield changed(quests, last.quests())
                        ? Decision.of(ephemeral, new QuestsUpdated(now, quests))
                        : Decision.none(ephemeral);
            }
            default -> Decision.none(ephemeral);
        };
    }

    /** A frame's JSON without the fields that differ on every send, so a resend is recognised. */
    static String document(FrameEnvelope envelope) {
        ObjectNode json = envelope.json().deepCopy();
        json.remove(List.of(FrameParser.TIMESTAMP, FrameParser.PLUGIN_SEQ));
        return json.toString();
    }

    private static boolean changed(String document, String lastDigest) {
        return !DocumentDigests.digest(document).equals(lastDigest);
    }
}
