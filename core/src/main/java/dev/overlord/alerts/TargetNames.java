package dev.overlord.alerts;

import dev.overlord.protocol.LogText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The forms of a target name (see {@link AlertTarget#name()}): {@code aclog-webhook},
 * {@code discord-channel:<id>}, {@code discord-webhook:<url>} and {@code http:<name>}. A webhook
 * URL carries its token, so a name is shown in logs and errors only through {@link #forLog}.
 */
public final class TargetNames {
    public static final String ACLOG_WEBHOOK = "aclog-webhook";
    public static final String DISCORD_CHANNEL = "discord-channel:";
    public static final String DISCORD_WEBHOOK = "discord-webhook:";
    public static final String HTTP = "http:";

    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{1,20}");
    private static final int MAX_LENGTH = 2_048;

    private TargetNames() {}

    /**
     * Checks a configured target name.
     *
     * @param httpWebhooks the names configured under {@code overlord.alerts.http-webhooks}
     * @return the name, stripped
     * @throws IllegalArgumentException saying what is wrong, without the URL
     */
    public static String validate(String target, Set<String> httpWebhooks) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("the target is empty (aclog-webhook, discord-channel:<id>,"
                    + " discord-webhook:<url> or http:<name>)");
        }
        String t = target.strip();
        if (t.length() > MAX_LENGTH) throw new IllegalArgumentException("the target is longer than " + MAX_LENGTH);
        if (t.equals(ACLOG_WEBHOOK)) return t;
        if (t.startsWith(DISCORD_CHANNEL)) {
            String id = t.substring(DISCORD_CHANNEL.length());
            if (!SNOWFLAKE.matcher(id).matches()) {
                throw new IllegalArgumentException(
                        "discord-channel: needs a channel id (digits), got '" + LogText.escape(id) + "'");
            }
            return t;
        }
        if (t.startsWith(DISCORD_WEBHOOK)) {
            String url = t.substring(DISCORD_WEBHOOK.length());
            try {
                URI u = new URI(url);
                String scheme = u.getScheme();
                if (scheme == null
                        || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                        || u.getHost() == null) {
                    throw new IllegalArgumentException("discord-webhook: needs an http(s) URL with a host");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("discord-webhook: the URL does not parse");
            }
            return t;
        }
        if (t.startsWith(HTTP)) {
            String name = t.substring(HTTP.length());
            if (!httpWebhooks.contains(name)) {
                throw new IllegalArgumentException("http:" + LogText.escape(name)
                        + " is not configured under overlord.alerts.http-webhooks (known: " + httpWebhooks + ")");
            }
            return t;
        }
        throw new IllegalArgumentException("unknown target form '" + forLog(t) + "' (aclog-webhook,"
                + " discord-channel:<id>, discord-webhook:<url> or http:<name>)");
    }

    /** The name with any webhook URL replaced by its host: safe to log. */
    public static String forLog(String target) {
        if (target == null) return "null";
        if (target.startsWith(DISCORD_WEBHOOK)) {
            try {
                String host = new URI(target.substring(DISCORD_WEBHOOK.length())).getHost();
                return DISCORD_WEBHOOK + (host == null ? "…" : host + "/…");
            } catch (URISyntaxException e) {
                return DISCORD_WEBHOOK + "…";
            }
        }
        boolean known = target.equals(ACLOG_WEBHOOK) || target.startsWith(DISCORD_CHANNEL) || target.startsWith(HTTP);
        int colon = target.indexOf(':');
        // An unknown form may still hold a URL: show only what comes before its first colon.
        return known || colon < 0 ? LogText.escape(target) : LogText.escape(target.substring(0, colon)) + ":…";
    }
}
