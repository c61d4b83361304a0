package dev.overlord.alerts;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A generic HTTP webhook an alert can go to ({@code http:<name>}): the alert is posted to {@code url}
 * as the JSON body {@code template} renders (see {@link Template#parseJson}).
 *
 * @param url where to POST; may carry a token, so never logged (log {@link #name})
 */
public record HttpWebhook(String name, URI url, Template template) {

    /** The body when none is configured: every part of the alert. */
    public static final String DEFAULT_TEMPLATE = "{\"id\":\"{id}\",\"kind\":\"{kind}\","
            + "\"character_name\":\"{character_name}\",\"timestamp\":\"{timestamp}\",\"severity\":\"{severity}\","
            + "\"title\":\"{title}\",\"message\":\"{message}\"}";

    public HttpWebhook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(template, "template");
    }

    /**
     * The body for {@code alert}: the names {@code id}, {@code kind}, {@code character_name},
     * {@code timestamp} (ISO-8601), {@code severity}, {@code title}, {@code message}, and each of
     * the alert's fields both as {@code fields.<name>} and, unless it clashes, as {@code <name>}.
     */
    public String body(Alert alert) {
        return template.renderJson(values(alert));
    }

    /** The names an alert offers a template. */
    public static Map<String, String> values(Alert alert) {
        Map<String, String> v = new LinkedHashMap<>();
        alert.fields().forEach((k, value) -> v.put("fields." + k, value));
        alert.fields().forEach(v::put);
        v.put("id", alert.id());
        v.put("kind", alert.kind());
        if (alert.characterName() != null) v.put("character_name", alert.characterName());
        v.put("timestamp", alert.at().toString());
        v.put("severity", alert.severity());
        v.put("title", alert.title());
        v.put("message", alert.message());
        return v;
    }

    /** Without the URL, which may carry a token. */
    @Override
    public String toString() {
        return "HttpWebhook[" + name + "]";
    }
}
