package dev.overlord.alerts;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A user-defined alert: when a frame of type {@code frame} satisfies {@code when}, an alert of kind
 * {@code rule} with the rendered {@code title} and {@code message} goes to {@code target}, at most
 * once per {@code cooldown} per character (the character's entity keeps the cooldown).
 *
 * @param name unique among the rules; names the rule in logs, alerts and errors
 * @param frame the frame type the rule looks at
 * @param when the condition on the frame's fields
 * @param whenSource the condition as configured
 * @param target a target name (see {@link TargetNames}); may carry a webhook token, so never logged as is
 */
public record AlertRule(
        String name,
        String frame,
        Condition when,
        String whenSource,
        Template title,
        Template message,
        String severity,
        String target,
        Duration cooldown) {

    /** The longest rendered title: Discord's embed title limit. */
    public static final int MAX_TITLE = 256;

    public AlertRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(cooldown, "cooldown");
    }

    /** Every name the condition and the templates read. */
    public Set<String> names() {
        Set<String> all = new LinkedHashSet<>(when.fields());
        all.addAll(title.names());
        all.addAll(message.names());
        return all;
    }

    /** Without the target's URL, which may carry a token. */
    @Override
    public String toString() {
        return "AlertRule[" + name + ", frame=" + frame + ", when=" + whenSource + ", target="
                + TargetNames.forLog(target) + ", cooldown=" + cooldown + "]";
    }
}
