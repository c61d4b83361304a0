package dev.overlord.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.alerts.Alert;
import dev.overlord.alerts.AlertTarget;
import dev.overlord.alerts.AlertTarget.Outcome;
import dev.overlord.net.BoundedBody;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts to webhooks (Discord's and generic HTTP ones) with the JDK's HTTP client, and turns
 * each answer into an {@link Outcome}: 2xx {@code Sent}; 429 {@code Retry} after what the answer
 * says; 5xx or no answer {@code Retry} with exponential backoff; any other status {@code Rejected}.
 * One instance is shared by all webhook targets so Discord's global limit is honoured across them.
 *
 * <p>A webhook URL carries its token: only the target's name is ever logged or put in an outcome.
 */
public final class Webhooks {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    /** The longest piece of an error answer quoted in an outcome. */
    static final int MAX_REASON = 200;

    private final DiscordSettings settings;
    private final HttpClient client;
    private final RateLimits limits;
    private final ObjectMapper json = new ObjectMapper();

    public Webhooks(DiscordSettings settings) {
        this(settings, Clock.systemUTC());
    }

    Webhooks(DiscordSettings settings, Clock clock) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.limits = new RateLimits(clock);
    }

    /** The {@code aclog-webhook} target, when DISCORD_ACLOG_WEBHOOK is set. */
    public Optional<AlertTarget> aclog() {
        if (!settings.webhookEnabled()) return Optional.empty();
        return Optional.of(discord(DiscordWebhookTarget.ACLOG, URI.create(settings.aclogWebhook())));
    }

    /** A Discord webhook target named {@code name}. */
    public AlertTarget discord(String name, URI webhook) {
        return new DiscordWebhookTarget(name, webhook, this, new Backoff(settings.backoffMin(), settings.backoffMax()));
    }

    /**
     * The target an outbox row names {@code discord-webhook:<url>}; empty when the rest is not an
     * http(s) URL.
     */
    public Optional<AlertTarget> discord(String targetName) {
        if (!targetName.startsWith(DiscordWebhookTarget.PREFIX)) return Optional.empty();
        try {
            URI u = new URI(targetName.substring(DiscordWebhookTarget.PREFIX.length()));
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(discord(targetName, u));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * A target's name fit for a log: a {@code discord-webhook:<url>} name holds the webhook's
     * token, so only its host and webhook id are kept.
     */
    static String loggable(String name) {
        if (!name.startsWith(DiscordWebhookTarget.PREFIX)) return name;
        try {
            URI u = new URI(name.substring(DiscordWebhookTarget.PREFIX.length()));
            String[] parts =
                    u.getRawPath() == null ? new String[0] : u.getRawPath().split("/");
            int at = Arrays.asList(parts).indexOf("webhooks");
            String id = at >= 0 && at + 1 < parts.length ? parts[at + 1] : "?";
            return DiscordWebhookTarget.PREFIX + u.getHost() + "/webhooks/" + id + "/***";
        } catch (URISyntaxException e) {
            return DiscordWebhookTarget.PREFIX + "***";
        }
    }

    /** A generic webhook named {@code http:<name>}, its body made by {@code body} (a template). */
    public AlertTarget http(String name, URI url, Function<Alert, String> body) {
        return new HttpWebhookTarget(
                HttpWebhookTarget.PREFIX + name,
                url,
                body,
                this,
                new Backoff(settings.backoffMin(), settings.backoffMax()));
    }

    ObjectMapper json() {
        return json;
    }

    /**
     * One POST of a JSON body; waits for an empty bucket first when it refills soon, else answers
     * Retry at once. The stage never fails.
     */
    CompletionStage<Outcome> post(String name, URI uri, String route, String body, Backoff backoff) {
        Duration wait = limits.waitBefore(route);
        if (wait.compareTo(settings.maxBucketWait()) > 0) {
            return CompletableFuture.completedFuture(new AlertTarget.Retry(wait, "rate limit: bucket empty"));
        }
        Executor later = wait.isZero()
                ? Runnable::run
                : CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Overlord/0.1")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new AlertTarget.Rejected("not a usable URL"));
        }
        return CompletableFuture.supplyAsync(() -> null, later)
                .thenCompose(x -> client.sendAsync(request, BoundedBody.text(settings.maxResponseBytes())))
                .handle((response, error) -> {
                    Outcome o = error != null ? unreachable(error, backoff) : outcome(response, route, backoff);
                    if (!(o instanceof AlertTarget.Sent)) log.info("Webhook {}: {}", loggable(name), describe(o));
                    return o;
                });
    }

    private Outcome unreachable(Throwable error, Backoff backoff) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        // The class name only: some messages quote the URL.
        return new AlertTarget.Retry(
                backoff.next(), "unreachable: " + cause.getClass().getSimpleName());
    }

    private Outcome outcome(HttpResponse<String> response, String route, Backoff backoff) {
        int status = response.statusCode();
        limits.update(route, response.headers());
        if (status >= 200 && status < 300) {
            backoff.reset();
            return new AlertTarget.Sent();
        }
        if (status == 429) {
            JsonNode body = parse(response.body());
            boolean global = body.path("global").asBoolean(false)
                    || response.headers()
                            .firstValue("X-RateLimit-Global")
                            .map("true"::equalsIgnoreCase)
                            .orElse(false);
            Duration after = retryAfter(response, body).orElse(settings.backoffMin());
            if (global) limits.globallyLimited(after);
            else limits.exhausted(route, after);
            return new AlertTarget.Retry(after, global ? "rate limited (429, global)" : "rate limited (429)");
        }
        if (status >= 500) {
            Duration after = backoff.next();
            // A 503 may say when to come back; never sooner than that.
            Duration asked = retryAfter(response, parse(response.body())).orElse(Duration.ZERO);
            return new AlertTarget.Retry(asked.compareTo(after) > 0 ? asked : after, "server error " + status);
        }
        backoff.reset();
        return new AlertTarget.Rejected("refused with " + status + reason(response.body()));
    }

    /** The wait a 429 asks for: the Retry-After header (seconds) or Discord's {@code retry_after}. */
    static Optional<Duration> retryAfter(HttpResponse<?> response, JsonNode body) {
        Optional<Duration> header = response.headers().firstValue("Retry-After").flatMap(RateLimits::seconds);
        Optional<Duration> inBody = body.path("retry_after").isNumber()
                ? RateLimits.seconds(body.path("retry_after").asText())
                : Optional.empty();
        // Discord's header is whole seconds and its body exact: take the longer, as its docs advise.
        if (header.isPresent() && inBody.isPresent()) {
            return Optional.of(header.get().compareTo(inBody.get()) >= 0 ? header.get() : inBody.get());
        }
        return header.isPresent() ? header : inBody;
    }

    private JsonNode parse(String body) {
        try {
            JsonNode n = json.readTree(body);
            return n == null ? json.missingNode() : n;
        } catch (Exception e) {
            return json.missingNode();
        }
    }

    /** Discord's {@code message} for a refusal, as one short printable line. */
    private String reason(String body) {
        String m = parse(body).path("message").asText("");
        if (m.isEmpty()) return "";
        StringBuilder b = new StringBuilder(": ");
        m.codePoints()
                .limit(MAX_REASON)
                .forEach(c -> b.appendCodePoint(
                        Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? ' ' : c));
        return b.toString();
    }

    static String describe(Outcome o) {
        return switch (o) {
            case AlertTarget.Sent s -> "sent";
            case AlertTarget.Retry r -> r.why() + ", retry after " + r.after().toMillis() + " ms";
            case AlertTarget.Rejected r -> "rejected: " + r.why();
        };
    }
}
