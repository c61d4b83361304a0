package dev.overlord.discord;

import dev.overlord.alerts.Alert;
import dev.overlord.alerts.AlertTarget;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Posts an alert to any HTTP endpoint as a JSON body made by a function (a configured template),
 * with the same outcomes as a Discord webhook: 2xx sent, 429 and 5xx retried, other refusals set
 * aside.
 */
public final class HttpWebhookTarget implements AlertTarget {

    public static final String PREFIX = "http:";

    private final String name;
    private final URI url;
    private final String route;
    private final Function<Alert, String> body;
    private final Webhooks webhooks;
    private final Backoff backoff;

    HttpWebhookTarget(String name, URI url, Function<Alert, String> body, Webhooks webhooks, Backoff backoff) {
        this.name = name;
        this.url = url;
        this.route = "POST " + url;
        this.body = body;
        this.webhooks = webhooks;
        this.backoff = backoff;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletionStage<Outcome> send(Alert alert) {
        String json;
        try {
            json = body.apply(alert);
        } catch (RuntimeException e) {
            // A template that cannot render this alert never will: retrying would not help.
            return CompletableFuture.completedFuture(
                    new Rejected("the body could not be made: " + e.getClass().getSimpleName()));
        }
        if (json == null) return CompletableFuture.completedFuture(new Rejected("the body could not be made"));
        return webhooks.post(name, url, route, json, backoff);
    }

    @Override
    public String toString() {
        return "HttpWebhookTarget[" + name + "]";
    }
}
