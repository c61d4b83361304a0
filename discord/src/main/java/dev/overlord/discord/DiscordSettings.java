package dev.overlord.discord;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the bot and the webhooks need, read once from {@code overlord.discord}. The token and the
 * webhook URL are secrets: {@link #toString()} leaves them out, and nothing else here prints them.
 *
 * @param botToken the bot's token; blank: the bot is off
 * @param aclogWebhook the webhook death and idle alerts go to; blank: that target is off
 * @param commonRareChannel channel id for common rares, 0 when unset
 * @param greatRareChannel channel id for great rares, 0 when unset
 * @param aclogChannel channel id for the bot's own notices and vortex warnings, 0 when unset
 * @param monitorCharacter whose chat is watched for the vortex phrase; blank: nobody's
 * @param greatRares names of the great rares, lower case
 * @param apiUrl Discord's REST base when it is not Discord's own (a local test server)
 * @param vortexPhrase the chat text that means vortexes are coming, lower case
 * @param vortexDebounce at most one vortex warning per this time
 * @param requestTimeout how long one request may take
 * @param maxResponseBytes the most of an answer's body that is read
 * @param backoffMin the first wait after a 5xx or no answer
 * @param backoffMax the longest such wait
 * @param maxBucketWait the longest wait for a rate-limit bucket before answering Retry instead
 * @param maxFeedMessageBytes live-feed messages larger than this are skipped
 * @param liveUrl the live feed the standalone bot reads
 */
public record DiscordSettings(
        String botToken,
        String aclogWebhook,
        long commonRareChannel,
        long greatRareChannel,
        long aclogChannel,
        String monitorCharacter,
        Set<String> greatRares,
        Optional<URI> apiUrl,
        String vortexPhrase,
        Duration vortexDebounce,
        Duration requestTimeout,
        int maxResponseBytes,
        Duration backoffMin,
        Duration backoffMax,
        Duration maxBucketWait,
        int maxFeedMessageBytes,
        URI liveUrl) {

    public DiscordSettings {
        botToken = botToken == null ? "" : botToken.trim();
        aclogWebhook = aclogWebhook == null ? "" : aclogWebhook.trim();
        monitorCharacter = monitorCharacter == null ? "" : monitorCharacter.trim();
        greatRares = greatRares.stream()
                .map(n -> n.trim().toLowerCase(Locale.ROOT))
                .filter(n -> !n.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        vortexPhrase = vortexPhrase.trim().toLowerCase(Locale.ROOT);
        if (vortexPhrase.isEmpty()) throw new IllegalArgumentException("overlord.discord.vortex-phrase is empty");
        if (!aclogWebhook.isEmpty()) {
            // Checked here so a typo is a clear start-up error; the message names the setting, not the URL.
            URI u = parseUri(aclogWebhook, "overlord.discord.aclog-webhook (DISCORD_ACLOG_WEBHOOK)");
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) {
                throw new IllegalArgumentException(
                        "overlord.discord.aclog-webhook (DISCORD_ACLOG_WEBHOOK) is not an http(s) URL");
            }
        }
        if (backoffMin.isNegative() || backoffMin.isZero() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("overlord.discord.backoff-min must be positive and at most backoff-max");
        }
        if (maxResponseBytes < 1 || maxFeedMessageBytes < 1) {
            throw new IllegalArgumentException(
                    "overlord.discord.max-response-bytes and max-feed-message-bytes must be positive");
        }
    }

    public static DiscordSettings from(Config c) {
        String api = c.getString("api-url").trim();
        return new DiscordSettings(
                c.getString("bot-token"),
                c.getString("aclog-webhook"),
                channel(c, "common-rare-channel", "COMMON_RARE_CHANNEL_ID"),
                channel(c, "great-rare-channel", "GREAT_RARE_CHANNEL_ID"),
                channel(c, "aclog-channel", "ACLOG_CHANNEL_ID"),
                c.getString("monitor-character"),
                Set.copyOf(c.getStringList("great-rares")),
                api.isEmpty()
                        ? Optional.empty()
                        : Optional.of(parseUri(
                                api.endsWith("/") ? api : api + "/",
                                "overlord.discord.api-url (OVERLORD_DISCORD_API_URL)")),
                c.getString("vortex-phrase"),
                c.getDuration("vortex-debounce"),
                c.getDuration("request-timeout"),
                (int) Math.min(Integer.MAX_VALUE, c.getBytes("max-response-bytes")),
                c.getDuration("backoff-min"),
                c.getDuration("backoff-max"),
                c.getDuration("max-bucket-wait"),
                (int) Math.min(Integer.MAX_VALUE, c.getBytes("max-feed-message-bytes")),
                parseUri(c.getString("live-url"), "overlord.discord.live-url (OVERLORD_LIVE_URL)"));
    }

    /** The bot runs when its token is set. */
    public boolean botEnabled() {
        return !botToken.isEmpty();
    }

    /** Death and idle alerts go to the aclog webhook when its URL is set. */
    public boolean webhookEnabled() {
        return !aclogWebhook.isEmpty();
    }

    /** Whether a rare of this name goes to the great-rare channel. */
    public boolean isGreat(String rareName) {
        return rareName != null && greatRares.contains(rareName.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * One line per part that is off and why, naming settings and never their values; said once at
     * start-up.
     */
    public List<String> offReasons() {
        List<String> off = new ArrayList<>();
        if (!botEnabled()) off.add("Discord bot off: no DISCORD_RARE_BOT_TOKEN");
        else {
            if (commonRareChannel == 0) off.add("Discord common rares off: no COMMON_RARE_CHANNEL_ID");
            if (greatRareChannel == 0) off.add("Discord great rares off: no GREAT_RARE_CHANNEL_ID");
            if (aclogChannel == 0) off.add("Discord bot notices and vortex warnings off: no ACLOG_CHANNEL_ID");
            else if (monitorCharacter.isEmpty()) off.add("Discord vortex warnings off: no MONITOR_CHARACTER");
        }
        if (!webhookEnabled()) off.add("Discord aclog webhook off: no DISCORD_ACLOG_WEBHOOK");
        return off;
    }

    /** The same settings pointing at another REST base (a local test server). */
    public DiscordSettings withApiUrl(URI api) {
        return new DiscordSettings(
                botToken,
                aclogWebhook,
                commonRareChannel,
                greatRareChannel,
                aclogChannel,
                monitorCharacter,
                greatRares,
                Optional.of(api),
                vortexPhrase,
                vortexDebounce,
                requestTimeout,
                maxResponseBytes,
                backoffMin,
                backoffMax,
                maxBucketWait,
                maxFeedMessageBytes,
                liveUrl);
    }

    @Override
    public String toString() {
        return "DiscordSettings[bot=" + (botEnabled() ? "on" : "off") + ", aclogWebhook="
                + (webhookEnabled() ? "set" : "unset") + ", commonRareChannel=" + commonRareChannel
                + ", greatRareChannel=" + greatRareChannel + ", aclogChannel=" + aclogChannel
                + ", monitorCharacter=" + monitorCharacter + ", greatRares=" + greatRares.size()
                + ", apiUrl=" + apiUrl.map(URI::toString).orElse("discord") + "]";
    }

    private static long channel(Config c, String key, String env) {
        String v = c.getString(key).trim();
        if (v.isEmpty()) return 0;
        try {
            long id = Long.parseUnsignedLong(v);
            if (id == 0) throw new NumberFormatException();
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "overlord.discord." + key + " (" + env + ") is not a Discord channel id (a number)");
        }
    }

    private static URI parseUri(String s, String what) {
        try {
            URI u = new URI(s);
            if (u.getScheme() == null || u.getHost() == null) throw new IllegalArgumentException();
            return u;
        } catch (Exception e) {
            throw new IllegalArgumentException(what + " is not a URL");
        }
    }
}
