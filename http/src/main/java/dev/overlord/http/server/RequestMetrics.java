package dev.overlord.http.server;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

import dev.overlord.metrics.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Counts and times every HTTP request ({@code overlord_http_request_seconds}) by route template,
 * method and status class. The route is a template such as {@code /character-stats/{character}},
 * never the raw path, so a scan of unknown paths cannot grow the series without bound.
 */
public final class RequestMetrics {
    public static final String NAME = "overlord_http_request_seconds";
    /** The route label of a path no route serves. */
    public static final String UNMATCHED = "unmatched";
    /** The route label of the web app's static files. */
    public static final String STATIC = "/{static}";

    /** Every path the server routes; a segment in braces stands for any one segment. */
    static final List<String> TEMPLATES = List.of(
            "/",
            "/ws/position",
            "/ws/live",
            "/login",
            "/logout",
            "/me",
            "/plugins/contested",
            "/live",
            "/api-version",
            "/health",
            "/ready",
            "/metrics",
            "/history",
            "/history/snapshot",
            "/trails",
            "/spawns/heatmap",
            "/portals",
            "/rares",
            "/character-stats/{character}",
            "/combat-stats/{character}",
            "/quests/{character}",
            "/admin/retention");

    private static final List<String[]> TEMPLATE_SEGMENTS =
            TEMPLATES.stream().map(RequestMetrics::segments).toList();

    private static final Duration[] BUCKETS = Arrays.stream(
                    new double[] {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10})
            .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9)))
            .toArray(Duration[]::new);

    private final MeterRegistry registry;

    public RequestMetrics(Metrics metrics) {
        this.registry = metrics.registry();
    }

    /**
     * {@code routes}, sealed (rejections and failures become responses, as the binding would make
     * them) and measured from the request's arrival to its response's headers.
     */
    public Route measure(Route routes) {
        Route sealed = routes.seal();
        return extractRequest(request -> {
            long start = System.nanoTime();
            String path = request.getUri().path();
            String method = request.method().name();
            return mapResponse(
                    response -> {
                        int status = response.status().intValue();
                        Timer.builder(NAME)
                                .description("HTTP requests, by route template, method and status class")
                                .tag("route", route(path, status))
                                .tag("method", method)
                                .tag("status", status / 100 + "xx")
                                .serviceLevelObjectives(BUCKETS)
                                .register(registry)
                                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        return response;
                    },
                    () -> sealed);
        });
    }

    /** The template that {@code path} matches; a path that matches none is a static file or unmatched. */
    static String route(String path, int status) {
        String[] segments = segments(path);
        for (int i = 0; i < TEMPLATES.size(); i++) {
            if (matches(TEMPLATE_SEGMENTS.get(i), segments)) return TEMPLATES.get(i);
        }
        return status == 404 ? UNMATCHED : STATIC;
    }

    private static boolean matches(String[] template, String[] path) {
        if (template.length != path.length) return false;
        for (int i = 0; i < template.length; i++) {
            if (!template[i].startsWith("{") && !template[i].equals(path[i])) return false;
        }
        return true;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
