package dev.overlord.http.serverhealth;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /server-health}: the game server's status as the last check saw it, from memory (no
 * database on the way), {@code unknown} before the first verdict or with polling off.
 */
public final class ServerHealthRoutes {
    private final Supplier<ServerHealth.View> view;

    public ServerHealthRoutes(Supplier<ServerHealth.View> view) {
        this.view = view;
    }

    /** The routes of a server that does not poll: always {@code unknown}. */
    public static ServerHealthRoutes off(String server) {
        ServerHealth.View unknown = ServerHealth.View.unknown(server);
        return new ServerHealthRoutes(() -> unknown);
    }

    public Route route() {
        return path(
                PathMatchers.segment("server-health"),
                () -> get(() -> complete(HttpResponse.create()
                        .withStatus(StatusCodes.OK)
                        .withEntity(HttpEntities.create(
                                ContentTypes.APPLICATION_JSON, json(view.get()).toString())))));
    }

    /** {@code {"server","status","players","uptime_seconds","latency_ms","checked_at","since"}}, nulls where unknown. */
    static ObjectNode json(ServerHealth.View v) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("server", v.server());
        n.put("status", v.status());
        number(n, "players", v.players());
        number(n, "uptime_seconds", v.uptimeSeconds());
        number(n, "latency_ms", v.latencyMs());
        instant(n, "checked_at", v.checkedAt());
        instant(n, "since", v.since());
        return n;
    }

    private static void number(ObjectNode n, String name, Optional<Long> value) {
        if (value.isPresent()) n.put(name, value.get());
        else n.putNull(name);
    }

    private static void instant(ObjectNode n, String name, Optional<Instant> value) {
        if (value.isPresent()) n.put(name, value.get().toString());
        else n.putNull(name);
    }
}
