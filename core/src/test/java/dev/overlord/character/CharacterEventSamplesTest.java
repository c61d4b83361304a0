package dev.overlord.character;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.overlord.character.CharacterEvent.BecameActive;
import dev.overlord.character.CharacterEvent.CameOnline;
import dev.overlord.character.CharacterEvent.CantripsUpdated;
import dev.overlord.character.CharacterEvent.CharacterStatsUpdated;
import dev.overlord.character.CharacterEvent.CombatSnapshotRecorded;
import dev.overlord.character.CharacterEvent.CountersChanged;
import dev.overlord.character.CharacterEvent.Died;
import dev.overlord.character.CharacterEvent.InventoryChanged;
import dev.overlord.character.CharacterEvent.LifetimeCountersChanged;
import dev.overlord.character.CharacterEvent.PortalSeen;
import dev.overlord.character.CharacterEvent.PositionRecorded;
import dev.overlord.character.CharacterEvent.QuestsUpdated;
import dev.overlord.character.CharacterEvent.RareFound;
import dev.overlord.character.CharacterEvent.WentIdle;
import dev.overlord.character.CharacterEvent.WentOffline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events are forever: a stored sample of every journaled event type, as the {@code
 * overlord-events} serializer writes it, must still read back. Renaming an event type, its type
 * name or a field breaks this test, not production.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CharacterEventSamplesTest {

    @JUnit5TestKit
    public final ActorTestKit testKit =
            new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.load()).build();

    /** What each stored sample holds, by its type name (the file name). */
    static final Map<String, CharacterEvent> SAMPLES = Map.ofEntries(
            Map.entry("came-online", new CameOnline(Instant.parse("2025-06-14T08:02:11Z"), "Larsson-20250614-0802")),
            Map.entry("went-offline", new WentOffline(Instant.parse("2025-06-14T11:40:02.250Z"))),
            Map.entry("counters-changed", new CountersChanged(Instant.parse("2025-06-14T08:21:33Z"), 1184, 57, 318)),
            Map.entry(
                    "position-recorded",
                    new PositionRecorded(Instant.parse("2025-06-14T08:22:00Z"), 53.8, -31.4, 12.01)),
            Map.entry("died", new Died(Instant.parse("2025-06-14T09:13:47Z"), 5.0)),
            Map.entry(
                    "went-idle",
                    new WentIdle(Instant.parse("2025-06-14T10:05:30Z"), Instant.parse("2025-06-14T10:00:30Z"))),
            Map.entry("became-active", new BecameActive(Instant.parse("2025-06-14T10:31:02Z"))),
            Map.entry("idle-suspected", new CharacterEvent.IdleSuspected(Instant.parse("2025-06-14T10:00:30Z"))),
            Map.entry(
                    "vitae-penalty-seen",
                    new CharacterEvent.VitaePenaltySeen(Instant.parse("2025-06-14T09:13:45Z"), false)),
            Map.entry(
                    "alert-raised",
                    new CharacterEvent.AlertRaised(
                            Instant.parse("2025-06-14T09:13:47Z"),
                            "6f1c2a40-0b7e-4d55-9a3e-2f8d1c9b7e10",
                            "death",
                            null,
                            "critical",
                            "Death: Larsson",
                            "Larsson died (vitae 5%)",
                            Map.of("vitae", "5"),
                            List.of("aclog-webhook"))),
            Map.entry(
                    "lifetime-counters-changed",
                    new LifetimeCountersChanged(
                            Instant.parse("2025-06-14T08:21:33Z"), "Larsson-20250614-0802", 1184, 2, 48211, 57, 318)),
            Map.entry(
                    "character-stats-updated",
                    new CharacterStatsUpdated(
                            Instant.parse("2025-06-14T08:20:00.412Z"),
                            "{\"type\":\"character_stats\",\"character_name\":\"Larsson\",\"level\":275,\"race\":\"Aluvian\","
                                    + "\"attributes\":{\"strength\":{\"base\":290,\"creation\":100}},"
                                    + "\"skills\":{\"war_magic\":{\"base\":460,\"training\":\"Specialized\"}},"
                                    + "\"allegiance\":{\"name\":\"Mosswart Enjoyers\",\"rank\":6}}")),
            Map.entry(
                    "cantrips-updated",
                    new CantripsUpdated(
                            Instant.parse("2025-06-14T08:21:50Z"),
                            "{\"type\":\"equipment_cantrip_state\",\"character_name\":\"Larsson\",\"cantrips\":[{\"item_id\":2148001101,"
                                    + "\"item_name\":\"Gelidite Robe\",\"spells\":[\"Legendary Focus\",\"Epic Willpower\"]}]}")),
            Map.entry(
                    "quests-updated",
                    new QuestsUpdated(
                            Instant.parse("2025-06-14T08:00:05Z"),
                            "{\"type\":\"quest\",\"character_name\":\"Larsson\",\"quests\":[{\"name\":\"stipendtimer_0812\",\"solves\":14,"
                                    + "\"max_solves\":0,\"ready_in_s\":412800,\"description\":\"Stipend\"}]}")),
            Map.entry(
                    "inventory-changed",
                    new InventoryChanged(
                            Instant.parse("2025-06-14T08:02:41.120Z"),
                            3,
                            Instant.parse("2025-06-14T08:02:41Z"),
                            true,
                            List.of("{\"id\":2148001101,\"name\":\"Gelidite Robe\",\"object_class\":\"Clothing\","
                                    + "\"spells\":[\"Legendary Focus\",\"Epic Willpower\"]}"),
                            List.of(2148002015L))),
            Map.entry(
                    "combat-snapshot-recorded",
                    new CombatSnapshotRecorded(
                            Instant.parse("2025-06-14T08:21:00.250Z"),
                            "Larsson-20250614-0802",
                            Instant.parse("2025-06-14T08:21:00Z"),
                            "{\"offense\":{\"total_damage\":1843210,\"attacks\":5120,\"crits\":611},"
                                    + "\"defense\":{\"damage_taken\":210844,\"evades\":3011},"
                                    + "\"monsters\":{\"Olthoi Ripper\":{\"kills\":412}}}")),
            Map.entry(
                    "rare-found",
                    new RareFound(
                            Instant.parse("2025-06-14T08:21:40.100Z"),
                            "Pearl of Spirit Drinking",
                            "Larsson-20250614-0802",
                            53.9,
                            -31.3,
                            12.0,
                            "{\"type\":\"rare\",\"character_name\":\"Larsson\",\"timestamp\":\"2025-06-14T08:21:40Z\","
                                    + "\"name\":\"Pearl of Spirit Drinking\",\"ew\":53.9,\"ns\":-31.3,\"z\":12.0,\"rare_id\":30,"
                                    + "\"great\":false}")),
            Map.entry(
                    "portal-seen",
                    new PortalSeen(Instant.parse("2025-06-14T08:15:09Z"), "Portal to Hebian-To", 38.9, -83.6, 0.005)));

    static final ObjectMapper JSON = new ObjectMapper();

    Serialization serialization;
    int overlordEventsId;

    @BeforeAll
    void serialization() {
        serialization = SerializationExtension.get(testKit.system().classicSystem());
        overlordEventsId =
                testKit.system().settings().config().getInt("pekko.actor.serialization-identifiers.overlord-events");
    }

    static byte[] stored(String typeName) {
        try (InputStream in = CharacterEventSamplesTest.class.getResourceAsStream("/events/" + typeName + ".json")) {
            assertNotNull(in, "no stored sample events/" + typeName + ".json");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Reads stored bytes as the journal does: serializer id and the (empty) manifest only. */
    CharacterEvent readBack(byte[] bytes) {
        return (CharacterEvent)
                serialization.deserialize(bytes, overlordEventsId, "").get();
    }

    static String typeName(Class<?> eventClass) {
        JsonTypeName name = eventClass.getAnnotation(JsonTypeName.class);
        assertNotNull(name, eventClass.getSimpleName() + " has no stable @JsonTypeName");
        return name.value();
    }

    @Test
    void everyEventTypeHasAStoredSampleThatReadsBackAsThatType() {
        for (Class<?> type : CharacterEvent.class.getPermittedSubclasses()) {
            CharacterEvent read = readBack(stored(typeName(type)));
            assertInstanceOf(type, read, "events/" + typeName(type) + ".json");
        }
    }

    @Test
    void theSamplesAreExactlyTheEventTypes() {
        Set<String> typeNames = Arrays.stream(CharacterEvent.class.getPermittedSubclasses())
                .map(CharacterEventSamplesTest::typeName)
                .collect(Collectors.toSet());
        assertEquals(typeNames, SAMPLES.keySet());
    }

    @Test
    void everyStoredSampleReadsBackWithItsValues() {
        SAMPLES.forEach((name, expected) -> assertEquals(expected, readBack(stored(name)), name));
    }

    @Test
    void eventsAreStillWrittenAsStoredWithTheTypeNameInsideAndNoManifest() throws IOException {
        for (var sample : SAMPLES.entrySet()) {
            CharacterEvent event = sample.getValue();
            Serializer serializer = serialization.findSerializerFor(event);

            assertEquals(overlordEventsId, serializer.identifier(), "bound to overlord-events");
            assertEquals("", Serializers.manifestFor(serializer, event), "type-in-manifest is off");

            JsonNode written = JSON.readTree(serializer.toBinary(event));
            assertEquals(JSON.readTree(stored(sample.getKey())), written, sample.getKey());
            assertEquals(sample.getKey(), written.get("event").textValue());
        }
    }

    @Test
    void anUnknownFieldFromANewerWriterIsIgnored() {
        // Events only ever gain optional fields; a reader that does not know one must still read.
        byte[] newer = "{\"event\":\"died\",\"at\":\"2025-06-14T09:13:47Z\",\"vitae\":5.0,\"killer\":\"Olthoi Ripper\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(SAMPLES.get("died"), readBack(newer));
    }
}
