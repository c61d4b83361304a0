package dev.overlord.discord;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.alerts.Alert;
import dev.overlord.alerts.AlertTarget;
import java.net.URI;
import java.util.concurrent.CompletionStage;

/**
 * Posts an alert to a Discord webhook as one embed. The URL gets {@code ?wait=true} so Discord
 * answers only once the message exists: a 2xx means it was posted, not merely queued. Mentions are
 * turned off, so an alert's text can never ping a channel.
 */
public final class DiscordWebhookTarget implements AlertTarget {

    /** The name of the target behind DISCORD_ACLOG_WEBHOOK. */
    public static final String ACLOG = "aclog-webhook";
    /** Names of targets given by URL start with this. */
    public static final String PREFIX = "discord-webhook:";

    private final String name;
    private final URI uri;
    private final String route;
    private final Webhooks webhooks;
    private final Backoff backoff;

    DiscordWebhookTarget(String name, URI webhook, Webhooks webhooks, Backoff backoff) {
        this.name = name;
        this.uri = withWait(webhook);
        this.route = "POST " + webhook.getRawPath();
        this.webhooks = webhooks;
        this.backoff = backoff;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletionStage<Outcome> send(Alert alert) {
        return webhooks.post(name, uri, route, body(alert), backoff);
    }

    String body(Alert alert) {
        ObjectNode body = webhooks.json().createObjectNode();
        body.put("username", "Overlord");
        body.putArray("embeds").add(AlertEmbeds.of(alert).toJson(webhooks.json()));
        body.putObject("allowed_mentions").putArray("parse");
        return body.toString();
    }

    private static URI withWait(URI u) {
        String q = u.getRawQuery();
        if (q != null && q.contains("wait=")) return u;
        String s = u.toString();
        int hash = s.indexOf('#');
        if (hash >= 0) s = s.substring(0, hash);
        return URI.create(s + (q == null ? "?" : "&") + "wait=true");
    }

    @Override
    public String toString() {
        return "DiscordWebhookTarget[" + Webhooks.loggable(name) + "]";
    }
}
