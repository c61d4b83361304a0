package dev.overlord.http.mcp;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.overlord.agent.mcp.Jackson2McpJsonMapper;
import dev.overlord.agent.mcp.McpTools;
import dev.overlord.agent.tools.ToolBox;
import dev.overlord.agent.tools.ToolSpec;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.http.auth.Secrets;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Allow;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * {@code /mcp}: the assistant's tools for any MCP client over Streamable HTTP, without sessions
 * (each POST carries one JSON-RPC request or notification and is answered with JSON; there is no
 * server-to-client stream, so GET is 405). This class is the SDK's server transport over Pekko
 * HTTP; the SDK's server decodes, dispatches and encodes the protocol.
 *
 * <p>Who may call: a browser session (cookie) or a trusted network as {@link BrowserAuth} decides,
 * {@code Authorization: Bearer <AGENT_MCP_TOKEN>} (constant-time), or a bearer token the extra
 * predicate accepts (the assistant's per-question tokens). Anything else is 401 before the body is
 * read; a browser page from a foreign origin is 403; a body over {@code max-body} is 413.
 */
public final class McpRoutes implements McpStatelessServerTransport {
    private static final Logger log = LoggerFactory.getLogger(McpRoutes.class);
    /** Who the transport context names as the caller. */
    public static final String USER = "overlord.user";

    static final String MCP_TOKEN_USER = "mcp-token";
    private static final int MAX_AUTHORIZATION = 1024;

    private final BrowserAuth auth;
    private final McpSettings settings;
    private final Predicate<String> extraTokens;
    private final Jackson2McpJsonMapper json = new Jackson2McpJsonMapper();
    private final McpStatelessAsyncServer server;
    private final ToolBox tools;
    private final java.util.Set<String> toolNames;
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    /**
     * @param tools the tools served (the same tool box the chat runner uses)
     * @param extraTokens bearer tokens accepted besides {@code AGENT_MCP_TOKEN}, e.g. one per running question
     * @param version the server's version, told to clients
     */
    public McpRoutes(
            ToolBox tools, BrowserAuth auth, McpSettings settings, Predicate<String> extraTokens, String version) {
        this.auth = auth;
        this.settings = settings;
        this.extraTokens = extraTokens;
        this.tools = tools;
        this.toolNames =
                tools.specs().stream().map(ToolSpec::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.server = McpTools.statelessServer(this, tools, version, json);
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    /** Stops taking calls (a shutdown task). */
    public CompletionStage<Void> stop() {
        return server.closeGracefully().toFuture();
    }

    public Route route() {
        return pathPrefix(
                "mcp",
                () -> pathEndOrSingleSlash(() -> extractRequest(req -> {
                    Optional<String> originRefused =
                            req.getHeader("Origin").map(h -> h.value()).flatMap(auth.origins()::refusal);
                    if (originRefused.isPresent()) return text(StatusCodes.FORBIDDEN, originRefused.get());
                    Optional<String> user = caller(req);
                    if (user.isEmpty()) {
                        return respondWithHeader(
                                RawHeader.create("WWW-Authenticate", "Bearer realm=\"overlord-mcp\""),
                                () -> text(
                                        StatusCodes.UNAUTHORIZED,
                                        "/mcp needs a login, a trusted network or Authorization: Bearer <AGENT_MCP_TOKEN>"));
                    }
                    if (!req.method().equals(HttpMethods.POST)) {
                        return respondWithHeader(
                                Allow.create(HttpMethods.POST),
                                () -> text(
                                        StatusCodes.METHOD_NOT_ALLOWED,
                                        "only POST: this server keeps no sessions or streams"));
                    }
                    long declared = req.entity().getContentLengthOption().orElse(-1L);
                    if (declared > settings.maxBody()) return tooLarge();
                    return withSizeLimit(
                            settings.maxBody(),
                            () -> entity(Unmarshaller.entityToString(), body -> handle(req, body, user.get())));
                })));
    }

    /** The caller's name, or empty when the request shows no right to call. */
    Optional<String> caller(HttpRequest req) {
        Optional<String> authorization = req.getHeader("Authorization").map(h -> h.value());
        if (authorization.isPresent()) {
            String a = authorization.get();
            if (a.length() > MAX_AUTHORIZATION || !a.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
            String token = a.substring(7).strip();
            if (token.isEmpty()) return Optional.empty();
            if (!settings.token().isEmpty() && Secrets.constantTimeEquals(settings.token(), token)) {
                return Optional.of(MCP_TOKEN_USER);
            }
            return extraTokens.test(token) ? Optional.of(MCP_TOKEN_USER) : Optional.empty();
        }
        if (auth.fromTrustedNetwork(req)) return Optional.of(BrowserAuth.TRUSTED_NETWORK_USER);
        return auth.cookieUser(req);
    }

    private Route handle(HttpRequest req, String body, String user) {
        McpStatelessServerHandler h = handler;
        if (closing || h == null) return text(StatusCodes.SERVICE_UNAVAILABLE, "the server is shutting down");
        Optional<String> version = req.getHeader("MCP-Protocol-Version").map(v -> v.value());
        if (version.isPresent() && !protocolVersions().contains(version.get())) {
            return rpcError(
                    StatusCodes.BAD_REQUEST,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "unsupported MCP-Protocol-Version; supported: " + String.join(", ", protocolVersions()));
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, body);
        } catch (IOException | RuntimeException e) {
            return rpcError(StatusCodes.BAD_REQUEST, McpSchema.ErrorCodes.PARSE_ERROR, "not a JSON-RPC message");
        }
        McpTransportContext context = McpTransportContext.create(Map.of(USER, user));
        return switch (message) {
            case McpSchema.JSONRPCRequest request
            when unknownTool(request) ->
                // The SDK answers an unknown tool with a protocol error; a model reads a tool error better.
                onSuccess(
                        McpTools.call(tools, json.convertValue(request.params(), McpSchema.CallToolRequest.class))
                                .toFuture(),
                        result -> jsonBody(
                                StatusCodes.OK,
                                write(new McpSchema.JSONRPCResponse(
                                        McpSchema.JSONRPC_VERSION, request.id(), result, null))));
            case McpSchema.JSONRPCRequest request ->
                onComplete(
                        h.handleRequest(context, request)
                                .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                                .toFuture(),
                        done -> {
                            if (done.isFailure()) {
                                log.warn(
                                        "/mcp: {} failed: {}",
                                        request.method(),
                                        done.failed().get().toString());
                                return rpcError(
                                        StatusCodes.INTERNAL_SERVER_ERROR,
                                        McpSchema.ErrorCodes.INTERNAL_ERROR,
                                        "the request failed on the server");
                            }
                            return jsonBody(StatusCodes.OK, write(done.get()));
                        });
            case McpSchema.JSONRPCNotification notification ->
                onComplete(
                        h.handleNotification(context, notification)
                                .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                                .toFuture(),
                        done -> complete(StatusCodes.ACCEPTED));
            default ->
                rpcError(
                        StatusCodes.BAD_REQUEST,
                        McpSchema.ErrorCodes.INVALID_REQUEST,
                        "this server accepts requests and notifications only");
        };
    }

    /** A {@code tools/call} naming a tool this server does not have. */
    private boolean unknownTool(McpSchema.JSONRPCRequest request) {
        if (!McpSchema.METHOD_TOOLS_CALL.equals(request.method())) return false;
        try {
            String name = json.convertValue(request.params(), McpSchema.CallToolRequest.class)
                    .name();
            return name != null && !toolNames.contains(name);
        } catch (RuntimeException e) {
            return false; // not a call the SDK can read either: it answers that itself
        }
    }

    @Override
    public List<String> protocolVersions() {
        return McpStatelessServerTransport.super.protocolVersions();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A JSON-RPC error for a message that could not be read or served (its id unknown: null). */
    private Route rpcError(StatusCode status, int code, String message) {
        com.fasterxml.jackson.databind.node.ObjectNode body =
                json.objectMapper().createObjectNode();
        body.put("jsonrpc", McpSchema.JSONRPC_VERSION).putNull("id");
        body.putObject("error").put("code", code).put("message", message);
        return jsonBody(status, body.toString());
    }

    private static Route tooLarge() {
        return text(StatusCodes.PAYLOAD_TOO_LARGE, "the message is larger than overlord.agent.mcp.max-body");
    }

    private static Route jsonBody(StatusCode status, String body) {
        return complete(HttpResponse.create()
                .withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)));
    }

    private static Route text(StatusCode status, String message) {
        return complete(status, message);
    }
}
