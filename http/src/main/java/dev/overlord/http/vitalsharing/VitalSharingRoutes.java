package dev.overlord.http.vitalsharing;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.session.VitalShareRelay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /vital-sharing/peers}: the characters whose plugins share vitals now, with their
 * latest frame per share type, as the relay keeps them (gated like the rest of the read API).
 */
public final class VitalSharingRoutes {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);

    private final ActorSystem<?> system;
    private final ActorRef<VitalShareRelay.Command> relay;
    private final ObjectMapper mapper = new ObjectMapper();

    public VitalSharingRoutes(ActorSystem<?> system, ActorRef<VitalShareRelay.Command> relay) {
        this.system = system;
        this.relay = relay;
    }

    public Route route() {
        return path(
                PathMatchers.segment("vital-sharing").slash("peers"),
                () -> get(() -> onComplete(
                        AskPattern.<VitalShareRelay.Command, List<VitalShareRelay.Peer>>ask(
                                relay, VitalShareRelay.ListPeers::new, ASK_TIMEOUT, system.scheduler()),
                        peers -> peers.isSuccess()
                                ? json(StatusCodes.OK, json(peers.get()))
                                : json(
                                        StatusCodes.SERVICE_UNAVAILABLE,
                                        JsonNodeFactory.instance
                                                .objectNode()
                                                .put("error", "vital sharing relay did not answer in time")))));
    }

    private static Route json(org.apache.pekko.http.javadsl.model.StatusCode status, ObjectNode body) {
        return complete(HttpResponse.create()
                .withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString())));
    }

    /** {@code {"peers":[{"character_name","session_id","types","last_seen","latest":{type: frame}}]}}. */
    ObjectNode json(List<VitalShareRelay.Peer> peers) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("peers");
        for (VitalShareRelay.Peer p : peers) {
            ObjectNode n = list.addObject();
            if (p.characterName().isEmpty()) n.putNull("character_name");
            else n.put("character_name", p.characterName());
            n.put("session_id", p.sessionId());
            ArrayNode types = n.putArray("types");
            VitalShareRelay.types(p).forEach(types::add);
            n.put("last_seen", p.lastSeen().toString());
            ObjectNode latest = n.putObject("latest");
            for (Map.Entry<String, String> e : p.latest().entrySet()) {
                try {
                    latest.set(e.getKey(), mapper.readTree(e.getValue()));
                } catch (JsonProcessingException ex) {
                    // Kept frames were parsed once already; this cannot happen, but never fail the listing.
                    latest.put(e.getKey(), e.getValue());
                }
            }
        }
        return body;
    }
}
