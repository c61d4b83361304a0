package dev.overlord.agent.chat;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the chat runner asks ({@code overlord.agent.chat}): an OpenAI-compatible API's base URL,
 * the model and the key ({@code AGENT_CHAT_URL}, {@code AGENT_CHAT_MODEL}, {@code
 * AGENT_CHAT_KEY}), and its bounds. {@link #toString()} never shows the key.
 *
 * @param url the base URL (e.g. {@code http://127.0.0.1:8080/v1}); empty when not configured
 * @param maxTurns model calls per question
 * @param maxResponseBytes longest API answer read
 * @param maxToolResultChars longest tool result handed back to the model (cut beyond, and said so)
 * @param stream ask for the answer as it is produced ({@code stream: true}); an API that answers
 *     whole anyway is read whole
 */
public record ChatSettings(
        Optional<URI> url,
        String model,
        String key,
        int maxTurns,
        long maxResponseBytes,
        int maxToolResultChars,
        Duration connectTimeout,
        boolean stream) {

    public ChatSettings {
        if (maxTurns < 1) throw new IllegalArgumentException("overlord.agent.chat.max-turns must be >= 1");
        if (maxResponseBytes < 1024 || maxResponseBytes > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("overlord.agent.chat.max-response-bytes must be 1 KiB .. 2 GiB");
        if (maxToolResultChars < 100)
            throw new IllegalArgumentException("overlord.agent.chat.max-tool-result-chars must be >= 100");
        url.ifPresent(u -> {
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null)
                throw new IllegalArgumentException("overlord.agent.chat.url (AGENT_CHAT_URL) must be an http(s) URL");
        });
    }

    public static ChatSettings from(Config c) {
        String url = c.getString("url").strip();
        return new ChatSettings(
                url.isEmpty() ? Optional.empty() : Optional.of(URI.create(url)),
                c.getString("model").strip(),
                c.getString("key").strip(),
                c.getInt("max-turns"),
                c.getBytes("max-response-bytes"),
                c.getInt("max-tool-result-chars"),
                c.getDuration("connect-timeout"),
                c.getBoolean("stream"));
    }

    /** The chat completions endpoint: the URL as given when it already ends so, else {@code <url>/chat/completions}. */
    public Optional<URI> completions() {
        return url.map(u -> {
            String s = u.toString();
            if (s.endsWith("/chat/completions")) return u;
            return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/chat/completions");
        });
    }

    /** Settings for a runner at {@code url}, with the defaults' bounds (tests, tools). */
    public static ChatSettings of(URI url, String model, String key, int maxTurns) {
        return new ChatSettings(Optional.of(url), model, key, maxTurns, 1 << 20, 20_000, Duration.ofSeconds(10), true);
    }

    public ChatSettings withMaxTurns(int turns) {
        return new ChatSettings(url, model, key, turns, maxResponseBytes, maxToolResultChars, connectTimeout, stream);
    }

    public ChatSettings withStream(boolean on) {
        return new ChatSettings(url, model, key, maxTurns, maxResponseBytes, maxToolResultChars, connectTimeout, on);
    }

    @Override
    public String toString() {
        return "ChatSettings[url=" + url.map(URI::toString).orElse("") + ", model=" + model + ", key="
                + (key.isEmpty() ? "(none)" : "(set)") + ", maxTurns=" + maxTurns + "]";
    }
}
