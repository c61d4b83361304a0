package dev.overlord.http.inventory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.overlord.http.auth.BrowserAuth;
import dev.overlord.http.auth.SessionCookies;
import dev.overlord.http.auth.TrustedNetworks;
import dev.overlord.inventory.Item;
import dev.overlord.inventory.ItemSource;
import dev.overlord.inventory.OwnedItem;
import dev.overlord.inventory.Slot;
import dev.overlord.metrics.Metrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The suitbuilder over a real server socket and a real HTTP client reading the event stream. */
class SuitbuilderRoutesTest {
    private static final String COOKIE = "overlord_session";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Slot> AREAS = List.copyOf(Slot.ARMOUR);
    private static final List<String> CANTRIPS =
            List.of("Legendary Strength", "Legendary Endurance", "Legendary Focus", "Major Armor", "Epic Defender");

    private ActorSystem<Void> system;
    private ServerBinding binding;
    private SuitbuilderRoutes routes;
    private Metrics metrics;
    private String session;
    private final HttpClient client = HttpClient.newHttpClient();

    private void start(int maxConcurrent) throws Exception {
        system = ActorSystem.create(Behaviors.empty(), "suitbuilder-test");
        SessionCookies cookies =
                new SessionCookies("suitbuilder-test-key-0123456789abcdef", Duration.ofHours(1), Clock.systemUTC());
        session = cookies.issue("admin");
        BrowserAuth auth = new BrowserAuth(cookies, COOKIE, List.of(), new TrustedNetworks(List.of()));
        metrics = new Metrics();
        routes = new SuitbuilderRoutes(
                new Pool(),
                auth,
                system.dispatchers().lookup(DispatcherSelector.fromConfig(SuitbuilderSettings.DISPATCHER)),
                new SuitbuilderSettings(maxConcurrent, Duration.ofSeconds(7), Duration.ofSeconds(15)),
                metrics);
        binding = Http.get(system)
                .newServerAt("127.0.0.1", 0)
                .bind(routes.route())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (binding != null) binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (system != null) system.terminate();
    }

    /** Characters "Small*" own a handful of items; "Mule*" own 200 each, enough to search for long. */
    private static final class Pool implements ItemSource {
        @Override
        public List<OwnedItem> items(Collection<String> characters) {
            List<OwnedItem> out = new ArrayList<>();
            for (String c : characters) {
                Random rnd = new Random(c.hashCode());
                boolean small = c.startsWith("Small");
                for (int i = 0; i < (small ? 6 : 200); i++) {
                    Set<Slot> coverage = rnd.nextInt(5) == 0
                            ? Set.of(Slot.LEFT_FINGER, Slot.RIGHT_FINGER)
                            : Set.of(AREAS.get(rnd.nextInt(AREAS.size())));
                    List<String> spells = new ArrayList<>();
                    for (int s = rnd.nextInt(3); s > 0; s--) spells.add(CANTRIPS.get(rnd.nextInt(CANTRIPS.size())));
                    Map<String, Integer> ratings = new HashMap<>();
                    if (rnd.nextInt(3) == 0) ratings.put("crit_damage", 1 + rnd.nextInt(3));
                    out.add(new OwnedItem(
                            c,
                            item(
                                    Math.abs(c.hashCode() % 1000) * 10_000L + i,
                                    coverage,
                                    rnd.nextInt(3) == 0 ? "Soldier's Set" : rnd.nextBoolean() ? "Adept's Set" : null,
                                    300 + rnd.nextInt(400),
                                    spells,
                                    ratings)));
                }
            }
            return out;
        }
    }

    static Item item(
            long id, Set<Slot> coverage, String set, int al, List<String> spells, Map<String, Integer> ratings) {
        return new Item(
                id,
                "Item " + id,
                "Armor",
                0,
                false,
                Set.of(),
                coverage,
                null,
                set,
                al,
                null,
                null,
                null,
                null,
                null,
                spells,
                ratings,
                null,
                null,
                null,
                null,
                1,
                null,
                JsonNodeFactory.instance.objectNode());
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + "/inventory/suitbuilder"))
                .header("Cookie", COOKIE + "=" + session)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static final String LONG_SEARCH = """
            {"primary_set":{"name":"Soldier's Set","pieces":5},"secondary_set":{"name":"Adept's Set","pieces":3},
             "cantrips":["Legendary Strength","Legendary Endurance","Legendary Focus","Major Armor","Epic Defender"],
             "min_ratings":{"crit_damage":6},"characters":[%s],"results":20,"time_limit_s":120}""";

    private static String mules(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) names.add("\"Mule" + i + "\"");
        return String.join(",", names);
    }

    /** Reads up to {@code atMost} events (name and data; heartbeats skipped) or to the stream's end. */
    private static List<Map.Entry<String, JsonNode>> events(Iterator<String> lines, int atMost) throws Exception {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        String name = null;
        String data = null;
        while (out.size() < atMost && lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) name = line.substring(6).strip();
            else if (line.startsWith("data:")) data = line.substring(5).strip();
            else if (line.isEmpty()) {
                if (name != null && data != null) out.add(Map.entry(name, JSON.readTree(data)));
                name = null;
                data = null;
            }
        }
        return out;
    }

    @Test
    void streamsResultsAndEndsWithDone() throws Exception {
        start(2);
        HttpResponse<Stream<String>> response = client.send(post("""
                {"cantrips":["Legendary Strength"],"characters":["Small1","Small2"],"results":3}"""), HttpResponse.BodyHandlers.ofLines());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<Map.Entry<String, JsonNode>> events;
        try (Stream<String> lines = response.body()) {
            events = events(lines.iterator(), 1_000);
        }
        Map.Entry<String, JsonNode> last = events.get(events.size() - 1);
        assertEquals("done", last.getKey());
        assertEquals("complete", last.getValue().get("reason").asText());
        JsonNode first = events.stream()
                .filter(e -> e.getKey().equals("result"))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertEquals(1, first.get("rank").asInt());
        assertTrue(first.get("items").size() > 0);
        JsonNode pick = first.get("items").get(0);
        assertTrue(pick.get("character_name").asText().startsWith("Small"));
        assertTrue(pick.get("item").has("coverage"));
        assertTrue(
                first.has("covered") && first.has("missing") && first.has("overlapping") && first.has("armor_level"));
        await().atMost(Duration.ofSeconds(10)).until(() -> routes.running() == 0);
        assertEquals(1, metrics.value(SuitbuilderRoutes.FINISHED));
    }

    @Test
    void aResultWaitsForRoomInsteadOfBeingDropped() throws Exception {
        system = ActorSystem.create(Behaviors.empty(), "suitbuilder-deliver");
        var queued = Source.<org.apache.pekko.http.javadsl.model.sse.ServerSentEvent>queue(1)
                .preMaterialize(system);
        var queue = queued.first();
        var first = ServerSentEvent.create("1", "result");
        var second = ServerSentEvent.create("2", "result");
        AtomicBoolean gone = new java.util.concurrent.atomic.AtomicBoolean();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        SuitbuilderRoutes.deliver(queue, first, gone, deadline);
        // the buffer is full: the second waits on its own thread until the client reads
        var waiting = CompletableFuture.runAsync(() -> SuitbuilderRoutes.deliver(queue, second, gone, deadline));
        var read = queued.second()
                .take(2)
                .runWith(Sink.seq(), system)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        waiting.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("1", "2"), read.stream().map(e -> e.getData()).toList());
        assertTrue(!gone.get(), "a client that reads keeps the search going");
    }

    @Test
    void aClientThatNeverReadsStopsTheSearchAfterTheDeadline() throws Exception {
        system = ActorSystem.create(Behaviors.empty(), "suitbuilder-stalled");
        var queue = Source.<org.apache.pekko.http.javadsl.model.sse.ServerSentEvent>queue(1)
                .preMaterialize(system)
                .first();
        AtomicBoolean gone = new java.util.concurrent.atomic.AtomicBoolean();
        // nobody reads: once the buffer (and whatever the stream ahead of it holds) is full, a
        // result waits until the deadline and then stops the search
        long deadline = System.nanoTime() + Duration.ofMillis(200).toNanos();
        for (int i = 0; i < 100 && !gone.get(); i++)
            SuitbuilderRoutes.deliver(queue, ServerSentEvent.create("result " + i, "result"), gone, deadline);
        assertTrue(gone.get(), "a client that stopped reading cancels the search");
    }

    @Test
    void aBadBodyIsRefusedWithTheReason() throws Exception {
        start(2);
        String[][] cases = {
            {"{\"characters\":[]}", "characters"},
            {"{\"characters\":[\"A\"],\"results\":21}", "results"},
            {"{\"characters\":[\"A\"],\"time_limit_s\":121}", "time_limit_s"},
            {"{\"characters\":[\"A\"],\"locked\":{\"Elbow\":1}}", "unknown slot"},
            {"{\"characters\":[\"A\"],\"min_ratings\":{\"luck\":1}}", "unknown rating"},
            {"{\"characters\":[\"" + "x".repeat(201) + "\"]}", "characters"},
            {"[1,2]", "object"},
            {"{\"characters\":[\"Small1\"],\"locked\":{\"Head\":424242}}", "not among"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = client.send(post(c[0]), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), c[0]);
            assertTrue(JSON.readTree(r.body()).get("error").asText().contains(c[1]), r.body());
        }
        assertEquals(0, routes.running());
    }

    @Test
    void closingTheStreamCancelsTheSearch() throws Exception {
        start(2);
        HttpResponse<Stream<String>> response =
                client.send(post(LONG_SEARCH.formatted(mules(20))), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        try (Stream<String> lines = response.body()) {
            List<Map.Entry<String, JsonNode>> seen = events(lines.iterator(), 3);
            assertEquals(3, seen.size());
            assertEquals(1, routes.running(), "still searching while the client reads");
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> metrics.value(SuitbuilderRoutes.CANCELLED) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> routes.running() == 0);
        assertEquals(0, metrics.value(SuitbuilderRoutes.FINISHED));
    }

    @Test
    void tooManySearchesAreRefusedWith429() throws Exception {
        start(1);
        HttpResponse<Stream<String>> first =
                client.send(post(LONG_SEARCH.formatted(mules(20))), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = first.body()) {
            assertEquals(1, events(lines.iterator(), 1).size());

            HttpResponse<String> second =
                    client.send(post(LONG_SEARCH.formatted(mules(2))), HttpResponse.BodyHandlers.ofString());

            assertEquals(429, second.statusCode());
            assertEquals("7", second.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(JSON.readTree(second.body()).get("error").asText().contains("too many"));
            assertEquals(1, metrics.value(SuitbuilderRoutes.REFUSED));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> routes.running() == 0);
    }
}
