package dev.overlord.http.plugin;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.session.PluginRegistry;
import java.time.Duration;
import java.util.List;
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
 * {@code GET /plugins/contested} (logged in): characters that a second live plugin session claimed
 * while another still spoke for them, so an operator sees a plugin posing as someone else's.
 */
public final class ContestedRoutes {
    private final ActorSystem<?> system;
    private final ActorRef<PluginRegistry.Command> registry;
    private final BrowserAuth auth;

    public ContestedRoutes(ActorSystem<?> system, ActorRef<PluginRegistry.Command> registry, BrowserAuth auth) {
        this.system = system;
        this.registry = registry;
        this.auth = auth;
    }

    public Route route() {
        return path(
                PathMatchers.segment("plugins").slash("contested"),
                () -> get(() -> auth.requireBrowser(user -> onSuccess(
                        AskPattern.<PluginRegistry.Command, List<PluginRegistry.Contest>>ask(
                                registry, PluginRegistry.ListContested::new, Duration.ofSeconds(3), system.scheduler()),
                        contests -> {
                            ArrayNode list = JsonNodeFactory.instance.arrayNode();
                            for (PluginRegistry.Contest c : contests) {
                                list.add(JsonNodeFactory.instance
                                        .objectNode()
                                        .put("character_name", c.characterName())
                                        .put("earlier_session", c.earlierSessionId())
                                        .put("later_session", c.laterSessionId())
                                        .put("since", c.since().toString()));
                            }
                            ObjectNode body = JsonNodeFactory.instance.objectNode();
                            body.set("contested", list);
                            return complete(HttpResponse.create()
                                    .withStatus(StatusCodes.OK)
                                    .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString())));
                        }))));
    }
}
