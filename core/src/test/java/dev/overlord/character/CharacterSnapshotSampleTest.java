package dev.overlord.character;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.overlord.character.CharacterEvent.CameOnline;
import dev.overlord.character.CharacterEvent.CantripsUpdated;
import dev.overlord.character.CharacterEvent.CharacterStatsUpdated;
import dev.overlord.character.CharacterEvent.CombatSnapshotRecorded;
import dev.overlord.character.CharacterEvent.CountersChanged;
import dev.overlord.character.CharacterEvent.Died;
import dev.overlord.character.CharacterEvent.LifetimeCountersChanged;
import dev.overlord.character.CharacterEvent.PortalSeen;
import dev.overlord.character.CharacterEvent.PositionRecorded;
import dev.overlord.character.CharacterEvent.QuestsUpdated;
import dev.overlord.character.CharacterEvent.RareFound;
import dev.overlord.character.CharacterEvent.WentIdle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
 * Snapshots are journaled too: a stored sample of a character's snapshot, as the configured
 * serializer wrote it, must still read back into the same facts, and a state must still be
 * written in that form. Changing the state's shape without keeping its stored form breaks this
 * test, not the recovery of every character in production.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CharacterSnapshotSampleTest {

    @JUnit5TestKit
    public final ActorTestKit testKit =
            new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.load()).build();

    static final String STORED = "/snapshots/character-state.json";
    /** The manifest snapshots were stored with: the state's class name. */
    static final String MANIFEST = "dev.overlord.character.CharacterState";

    static final Instant T0 = Instant.parse("2025-06-14T08:02:11Z");

    /**
     * A character several sessions into its life: online, idle, with counters, a position, two
     * observed deaths, lifetime totals over three plugin sessions (one with a combat snapshot),
     * digests of all three documents and two rares.
     */
    static CharacterState larsson() {
        List<CharacterEvent> events = List.of(
                new CameOnline(T0, "connection-7"),
                new CountersChanged(T0.plusSeconds(1), 1184, 57, 318),
                new PositionRecorded(T0.plusSeconds(1), 53.8, -31.4, 12.01),
                new LifetimeCountersChanged(T0.plusSeconds(1), "Larsson-20250612-1910", 2210, 3, 2210, 3, 330),
                new LifetimeCountersChanged(T0.plusSeconds(2), "Larsson-20250613-2002", 960, 1, 3170, 4, 322),
                new CombatSnapshotRecorded(
                        T0.plusSeconds(3), "Larsson-20250613-2002", Instant.parse("2025-06-13T23:59:00Z"), "{}"),
                new LifetimeCountersChanged(T0.plusSeconds(4), "Larsson-20250614-0802", 1184, 2, 4354, 6, 318),
                new CombatSnapshotRecorded(
                        T0.plusSeconds(5), "Larsson-20250614-0802", Instant.parse("2025-06-14T08:02:15.250Z"), "{}"),
                new Died(T0.plusSeconds(60), 5),
                new Died(T0.plusSeconds(600), 10),
                new CharacterEvent.AlertRaised(
                        T0.plusSeconds(600),
                        "alert-1",
                        "death",
                        null,
                        "critical",
                        "Death: Larsson",
                        "Larsson died (vitae 10%)",
                        java.util.Map.of(),
                        List.of()),
                new CharacterStatsUpdated(T0.plusSeconds(601), "{\"level\":275}"),
                new CantripsUpdated(T0.plusSeconds(602), "{\"cantrips\":[\"Major Focus\"]}"),
                new QuestsUpdated(T0.plusSeconds(603), "{\"quests\":[]}"),
                new RareFound(
                        T0.plusSeconds(604),
                        "Pearl of Spirit Drinking",
                        "Larsson-20250614-0802",
                        53.9,
                        -31.3,
                        12.0,
                        "{}"),
                new RareFound(T0.plusSeconds(605), "Smithy's Crystal", "Larsson-20250614-0802", null, null, null, "{}"),
                new PositionRecorded(T0.plusSeconds(606), 54.1, -31.2, 12.5),
                new WentIdle(T0.plusSeconds(900), T0.plusSeconds(600)),
                new PortalSeen(T0.plusSeconds(901), "Portal to Hebian-To", 38.9, -83.6, 0.005));
        CharacterState s = CharacterState.empty("Larsson");
        for (CharacterEvent e : events) s = s.evolve(e);
        return s;
    }

    static final ObjectMapper JSON = new ObjectMapper();

    Serialization serialization;

    @BeforeAll
    void serialization() {
        serialization = SerializationExtension.get(testKit.system().classicSystem());
    }

    static byte[] stored() {
        try (InputStream in = CharacterSnapshotSampleTest.class.getResourceAsStream(STORED)) {
            assertNotNull(in, "no stored sample " + STORED);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Reads the stored bytes as the snapshot store does: serializer id and manifest. */
    CharacterState readBack() {
        Serializer serializer = serialization.findSerializerFor(larsson());
        return (CharacterState) serialization
                .deserialize(stored(), serializer.identifier(), MANIFEST)
                .get();
    }

    @Test
    void theStoredSnapshotReadsBackWithEveryFact() {
        CharacterState s = readBack();
        assertEquals("Larsson", s.name());
        assertTrue(s.presence().online());
        assertEquals("connection-7", s.presence().sessionId());
        assertEquals(T0.plusSeconds(901), s.presence().lastSeen());
        assertEquals(
                new CharacterState.Position(54.1, -31.2, 12.5, T0.plusSeconds(606)),
                s.presence().lastPosition());
        assertEquals(1184, s.sessionCounters().kills());
        assertEquals(57, s.sessionCounters().deaths());
        assertEquals(318, s.sessionCounters().tapers());
        assertEquals(2, s.observedDeaths().count());
        assertEquals(T0.plusSeconds(600), s.observedDeaths().lastAt());
        assertTrue(s.idleness().idle());
        assertEquals(T0.plusSeconds(600), s.idleness().since());

        CharacterState.Lifetime h = s.lifetime();
        CharacterState.DocumentDigests d = s.documents();
        assertEquals(4354, h.kills());
        assertEquals(6, h.deaths());
        assertEquals(318, h.tapers());
        assertEquals(2, h.rares());
        assertEquals(
                List.of(
                        new CharacterState.SessionMarks("Larsson-20250612-1910", 2210, 3, null),
                        new CharacterState.SessionMarks(
                                "Larsson-20250613-2002", 960, 1, Instant.parse("2025-06-13T23:59:00Z")),
                        new CharacterState.SessionMarks(
                                "Larsson-20250614-0802", 1184, 2, Instant.parse("2025-06-14T08:02:15.250Z"))),
                h.recentSessions());
        assertEquals(CharacterState.DocumentDigests.digest("{\"level\":275}"), d.stats());
        assertEquals(CharacterState.DocumentDigests.digest("{\"cantrips\":[\"Major Focus\"]}"), d.cantrips());
        assertEquals(CharacterState.DocumentDigests.digest("{\"quests\":[]}"), d.quests());
    }

    @Test
    void theStoredSnapshotIsTheStateTheEventsMake() {
        assertEquals(larsson(), readBack());
    }

    @Test
    void aStateIsStillWrittenAsStoredUnderItsClassName() throws IOException {
        CharacterState state = larsson();
        Serializer serializer = serialization.findSerializerFor(state);
        assertEquals(MANIFEST, Serializers.manifestFor(serializer, state));
        assertEquals(JSON.readTree(stored()), JSON.readTree(serializer.toBinary(state)));
    }

    @Test
    void aSnapshotFromBeforeTheLifetimeHistoryReadsWithAnEmptyOne() {
        byte[] old = ("{\"name\":\"Larsson\",\"online\":false,\"sessionId\":null,\"lastSeen\":\"2025-06-14T08:02:11Z\","
                        + "\"lastPosition\":null,\"kills\":5,\"deaths\":1,\"tapers\":2,\"deathsObserved\":0,\"lastDeathAt\":null,"
                        + "\"idle\":false,\"idleSince\":null}")
                .getBytes(StandardCharsets.UTF_8);
        Serializer serializer = serialization.findSerializerFor(larsson());
        CharacterState s = (CharacterState) serialization
                .deserialize(old, serializer.identifier(), MANIFEST)
                .get();
        assertFalse(s.presence().online());
        assertEquals(5, s.sessionCounters().kills());
        assertNull(s.presence().lastPosition());
        assertEquals(CharacterState.Lifetime.EMPTY, s.lifetime());
        assertEquals(CharacterState.DocumentDigests.NONE, s.documents());
        assertEquals(CharacterState.Alerting.NONE, s.alerting(), "nor alerting");
    }
}
