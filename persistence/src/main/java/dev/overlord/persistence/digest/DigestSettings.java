package dev.overlord.persistence.digest;

import com.typesafe.config.Config;
import dev.overlord.alerts.AlertRule;
import dev.overlord.alerts.TargetNames;
import dev.overlord.alerts.Template;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;

/**
 * The daily digest: {@code overlord.alerts.digest}.
 *
 * @param enabled whether the job runs at all
 * @param at the time of day the previous day's digest is raised
 * @param zone the zone of {@code at} and of the day's bounds
 * @param target where the digest alerts go (a target name; checked when enabled)
 * @param title the alert's title template
 * @param message the alert's message template (names: character_name, date, kills, deaths, rares,
 *     online, online_minutes, xp)
 * @param checkEvery how often the job looks whether a digest is due
 * @param keepXp how long the hourly XP samples are kept
 */
public record DigestSettings(
        boolean enabled,
        LocalTime at,
        ZoneId zone,
        String target,
        Template title,
        Template message,
        Duration checkEvery,
        Duration keepXp) {

    public static final String DEFAULT_TITLE = "Daily digest: {character_name}, {date}";
    public static final String DEFAULT_MESSAGE =
            "{character_name} on {date}: {kills} kills, {deaths} deaths, {rares} rares, {online} online, {xp} XP";

    public DigestSettings {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("overlord.alerts.digest.check-every must be positive");
        }
        if (keepXp.compareTo(Duration.ofDays(3)) < 0) {
            throw new IllegalArgumentException("overlord.alerts.digest.keep-xp must be at least 3 days");
        }
    }

    /**
     * Reads {@code overlord.alerts.digest} from the root configuration (defaults in persistence's
     * reference.conf); when enabled the target must be a valid name, an {@code http:<name>} one of
     * {@code overlord.alerts.http-webhooks}.
     */
    public static DigestSettings from(Config root) {
        Config c = root.getConfig("overlord.alerts.digest");
        String where = "overlord.alerts.digest.";
        try {
            boolean enabled = c.getBoolean("enabled");
            LocalTime at = LocalTime.parse(c.getString("at"));
            ZoneId zone = ZoneId.of(c.getString("zone"));
            String target = c.getString("target").strip();
            if (enabled) {
                Set<String> webhooks = root.hasPath("overlord.alerts.http-webhooks")
                        ? root.getObject("overlord.alerts.http-webhooks").keySet()
                        : Set.of();
                try {
                    target = TargetNames.validate(target, webhooks);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + "target: " + e.getMessage(), e);
                }
            }
            Template title = template(where + "title", c.getString("title"), AlertRule.MAX_TITLE);
            Template message = template(where + "message", c.getString("message"), Template.DEFAULT_MAX_TEXT);
            return new DigestSettings(
                    enabled, at, zone, target, title, message, c.getDuration("check-every"), c.getDuration("keep-xp"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    where + "at: a time of day like 06:00, not '" + e.getParsedString() + "'");
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(where + "zone: " + e.getMessage());
        }
    }

    private static Template template(String where, String source, int max) {
        try {
            return Template.parse(source, "", max);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
