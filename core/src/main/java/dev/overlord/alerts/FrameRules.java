package dev.overlord.alerts;

import dev.overlord.protocol.PluginFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The user's alert rules as the character entity sees them: which rules a frame matches, each with
 * its rendered text. Cooldowns are the entity's (they are facts of the character), not the rules'.
 */
@FunctionalInterface
public interface FrameRules {

    FrameRules NONE = frame -> List.of();

    /** The rules {@code frame} matches; never throws, whatever the frame holds. */
    List<Matched> evaluate(PluginFrame frame);

    /**
     * One rule that matched one frame.
     *
     * @param rule the rule's name
     * @param targets where the alert goes (outbox target names)
     * @param cooldown no second alert of the rule for the same character within this long
     */
    record Matched(
            String rule,
            String severity,
            String title,
            String message,
            Map<String, String> fields,
            List<String> targets,
            Duration cooldown) {}
}
