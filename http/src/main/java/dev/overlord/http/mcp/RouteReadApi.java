package dev.overlord.http.mcp;

import dev.overlord.agent.tools.ReadApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.Cookie;
import org.apache.pekko.http.javadsl.model.headers.HttpCookiePair;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.japi.function.Function;

/**
 * {@link ReadApi} answered by the server's own routes, in-process: a tool's request runs through
 * the same route tree, gates and checks as a browser's. Its requests carry a session of their own
 * ({@link #TOOLS_USER}, signed here, never sent anywhere) so routes that need a login, such as the
 * suitbuilder, admit them; only callers the MCP endpoint admitted reach the tools at all.
 */
public final class RouteReadApi implements ReadApi {
    /** The session the tools' requests carry. */
    public static final String TOOLS_USER = "assistant-tools";

    static final Duration GET_TIMEOUT = Duration.ofSeconds(30);
    /** A suitbuilder stream runs up to its time limit (at most a minute for a tool) before it ends. */
    static final Duration POST_TIMEOUT = Duration.ofSeconds(150);

    private final ActorSystem<?> system;
    private final java.util.function.Supplier<HttpCookiePair> session;
    private final long maxAnswer;
    private final AtomicReference<Function<HttpRequest, CompletionStage<HttpResponse>>> handler =
            new AtomicReference<>();

    /**
     * @param session the session cookie of {@link #TOOLS_USER}, fresh per request
     * @param maxAnswer the longest answer read; a longer one fails the call
     */
    public RouteReadApi(ActorSystem<?> system, java.util.function.Supplier<HttpCookiePair> session, long maxAnswer) {
        this.system = system;
        this.session = session;
        this.maxAnswer = maxAnswer;
    }

    /**
     * The routes to answer from: the server's whole route tree, given once it is built (it holds the
     * MCP route, which holds the tools, which hold this).
     */
    public RouteReadApi answerFrom(Route routes) {
        if (!handler.compareAndSet(null, routes.seal().handler(system))) {
            throw new IllegalStateException("routes already given");
        }
        return this;
    }

    @Override
    public CompletionStage<Reply> get(String path, Map<String, List<String>> query) {
        List<Pair<String, String>> params = new java.util.ArrayList<>();
        query.forEach((k, vs) -> vs.forEach(v -> params.add(Pair.create(k, v))));
        @SuppressWarnings("unchecked")
        Uri uri = Uri.create("http://127.0.0.1" + path).query(Query.create(params.toArray(new Pair[0])));
        return run(HttpRequest.GET(uri.toString()), GET_TIMEOUT);
    }

    @Override
    public CompletionStage<Reply> postJson(String path, String json) {
        HttpRequest request = HttpRequest.POST("http://127.0.0.1" + path)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json));
        return run(request, POST_TIMEOUT);
    }

    private CompletionStage<Reply> run(HttpRequest request, Duration timeout) {
        Function<HttpRequest, CompletionStage<HttpResponse>> h = handler.get();
        if (h == null) return CompletableFuture.failedFuture(new IllegalStateException("routes not given yet"));
        HttpRequest withSession = request.addHeader(Cookie.create(session.get()));
        CompletionStage<HttpResponse> response;
        try {
            response = h.apply(withSession);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return response.thenCompose(r -> r.entity()
                .toStrict(timeout.toMillis(), maxAnswer, system)
                .thenApply(strict -> new Reply(
                        r.status().intValue(),
                        r.entity().getContentType().toString(),
                        strict.getData().utf8String())));
    }
}
