package dev.overlord.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.protocol.ParseResult.Parsed;
import dev.overlord.protocol.ParseResult.Reason;
import dev.overlord.protocol.ParseResult.Rejected;
import dev.overlord.testing.SampleFrames;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Given a text message from a plugin, the parser yields a typed frame or a reason to drop it. */
class FrameParserTest {

    static final Instant SERVER_NOW = Instant.parse("2025-06-14T09:00:00Z");
    static final Instant SAMPLE_TIME = Instant.parse("2025-06-14T08:21:33Z");

    final FrameParser parser = new FrameParser(Clock.fixed(SERVER_NOW, ZoneOffset.UTC));

    /** Which variant each stored sample becomes. */
    static final Map<String, Class<? extends PluginFrame>> VARIANTS = Map.ofEntries(
            Map.entry("telemetry", PluginFrame.Telemetry.class),
            Map.entry("vitals", PluginFrame.Vitals.class),
            Map.entry("character_stats", PluginFrame.CharacterStats.class),
            Map.entry("inventory", PluginFrame.FullInventory.class),
            Map.entry("full_inventory", PluginFrame.FullInventory.class),
            Map.entry("inventory_delta", PluginFrame.InventoryDelta.class),
            Map.entry("equipment_cantrip_state", PluginFrame.EquipmentCantripState.class),
            Map.entry("portal", PluginFrame.Portal.class),
            Map.entry("spawn", PluginFrame.Spawn.class),
            Map.entry("chat", PluginFrame.Chat.class),
            Map.entry("quest", PluginFrame.Quest.class),
            Map.entry("rare", PluginFrame.Rare.class),
            Map.entry("nearby_objects", PluginFrame.NearbyObjects.class),
            Map.entry("combat_stats", PluginFrame.CombatStats.class),
            Map.entry("share_vitals", PluginFrame.Share.class),
            Map.entry("dungeon_map", PluginFrame.DungeonMap.class),
            Map.entry("unknown", PluginFrame.Unknown.class));

    PluginFrame parsed(String text) {
        ParseResult r = parser.parse(text);
        if (r instanceof Rejected rej) {
            throw new AssertionError("expected a frame, was rejected: " + rej.reason() + " " + rej.detail());
        }
        return ((Parsed) r).frame();
    }

    <T extends PluginFrame> T parsed(String text, Class<T> variant) {
        return assertInstanceOf(variant, parsed(text));
    }

    Rejected rejected(String text) {
        return assertInstanceOf(Rejected.class, parser.parse(text), "expected a rejection");
    }

    static Stream<Arguments> samples() {
        return SampleFrames.NAMES.stream().map(n -> Arguments.of(n, VARIANTS.get(n)));
    }

    @Nested
    class EverySample {

        @Test
        void thereIsASampleForEveryVariantOfTheSealedFrame() {
            Set<Class<?>> sampled = new HashSet<>(VARIANTS.values());
            assertEquals(Set.of(PluginFrame.class.getPermittedSubclasses()), sampled);
            assertEquals(Set.copyOf(SampleFrames.NAMES), VARIANTS.keySet());
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @MethodSource("dev.overlord.protocol.FrameParserTest#samples")
        void parsesIntoItsVariantWithTheEnvelopeRead(String name, Class<? extends PluginFrame> variant) {
            String text = SampleFrames.text(name);
            ObjectNode sent = SampleFrames.json(name);

            PluginFrame frame = parsed(text, variant);

            FrameEnvelope env = frame.envelope();
            assertEquals(sent.get("type").textValue(), frame.type());
            assertEquals(sent.get("character_name").textValue(), frame.characterName());
            assertEquals(Instant.parse(sent.get("timestamp").textValue()), env.timestamp());
            assertEquals(sent, env.json(), "the whole tree is kept, unknown fields included");
            assertEquals(text, env.text(), "a frame with a timestamp is forwarded byte for byte");
        }
    }

    @Nested
    class TypedFields {

        @Test
        void telemetryReadsPositionCountersAndMacroState() {
            var t = parsed(SampleFrames.text("telemetry"), PluginFrame.Telemetry.class);
            assertEquals(53.8, t.ew());
            assertEquals(-31.4, t.ns());
            assertEquals(12.01, t.z());
            assertEquals(1184L, t.kills());
            assertEquals(742.3, t.killsPerHour(), "sent as the string \"742.3\"");
            assertEquals(2L, t.deaths());
            assertEquals(57L, t.totalDeaths());
            assertEquals(3L, t.raresFound());
            assertEquals(318L, t.prismaticTapers(), "sent as the string \"318\"");
            assertEquals("Combat", t.vtState());
            assertEquals("Larsson-20250614-0802", t.sessionId());
            assertFalse(t.idle());
        }

        @Test
        void telemetryWithOnlyAPositionHasNullCountersAndZeroHeight() {
            String text =
                    "{\"type\":\"telemetry\",\"character_name\":\"Larsson\",\"timestamp\":\"2025-06-14T08:21:33Z\","
                            + "\"ew\":-12.5,\"ns\":88.1}";
            var t = parsed(text, PluginFrame.Telemetry.class);
            assertEquals(-12.5, t.ew());
            assertEquals(88.1, t.ns());
            assertEquals(0.0, t.z());
            assertNull(t.kills());
            assertNull(t.killsPerHour());
            assertNull(t.totalDeaths());
            assertNull(t.prismaticTapers());
            assertNull(t.vtState());
            assertFalse(t.idle());
        }

        @ParameterizedTest
        @ValueSource(strings = {"Idle", "idle", "IDLE (nav stuck)"})
        void telemetryIsIdleWhenTheMacroStateSaysIdleInAnyCase(String vtState) {
            assertTrue(SampleFrames.telemetry()
                    .vtState(vtState)
                    .frame(PluginFrame.Telemetry.class)
                    .idle());
        }

        @Test
        void vitalsReadsHealthStaminaManaAndVitae() {
            var v = parsed(SampleFrames.text("vitals"), PluginFrame.Vitals.class);
            assertEquals(312.0, v.healthCurrent());
            assertEquals(345.0, v.healthMax());
            assertEquals(298.0, v.staminaCurrent(), "sent as the string \"298\"");
            assertEquals(410.0, v.staminaMax());
            assertEquals(155.0, v.manaCurrent());
            assertEquals(388.0, v.manaMax());
            assertEquals(5.0, v.vitae());
        }

        @Test
        void inventoryDumpsCountTheirItems() {
            assertEquals(
                    3,
                    parsed(SampleFrames.text("inventory"), PluginFrame.FullInventory.class)
                            .itemCount());
            assertEquals(
                    4,
                    parsed(SampleFrames.text("full_inventory"), PluginFrame.FullInventory.class)
                            .itemCount());
            var noItems = SampleFrames.of("full_inventory").without("items").frame(PluginFrame.FullInventory.class);
            assertEquals(0, noItems.itemCount());
            assertEquals(0, noItems.items().size());
            assertEquals(
                    2148001101L,
                    parsed(SampleFrames.text("full_inventory"), PluginFrame.FullInventory.class)
                            .items()
                            .get(0)
                            .get("id")
                            .asLong());
        }

        @Test
        void inventoryDeltaReadsItsActionItemAndId() {
            var delta = parsed(SampleFrames.text("inventory_delta"), PluginFrame.InventoryDelta.class);
            assertEquals("add", delta.action());
            assertEquals(2148003391L, delta.itemId());
            assertEquals("Platinum Heavy Crossbow", delta.item().get("name").asText());
            var remove = SampleFrames.of("inventory_delta")
                    .without("item")
                    .set("action", " Remove ")
                    .set("item_id", "2148003391")
                    .frame(PluginFrame.InventoryDelta.class);
            assertEquals("remove", remove.action());
            assertEquals(2148003391L, remove.itemId());
            assertEquals(null, remove.item());
        }

        @Test
        void portalReadsNameAndCoordinates() {
            var p = parsed(SampleFrames.text("portal"), PluginFrame.Portal.class);
            assertEquals("Portal to Hebian-To", p.portalName());
            assertEquals(38.9, p.ew());
            assertEquals(-83.6, p.ns());
            assertEquals(0.005, p.z());
        }

        @Test
        void portalFallsBackToNameWhenPortalNameIsAbsent() {
            var p = SampleFrames.of("portal")
                    .without("portal_name")
                    .set("name", "Portal to Aerlinthe")
                    .frame(PluginFrame.Portal.class);
            assertEquals("Portal to Aerlinthe", p.portalName());
        }

        @Test
        void spawnReadsMonsterAndCoordinatesSentAsStrings() {
            var s = parsed(SampleFrames.text("spawn"), PluginFrame.Spawn.class);
            assertEquals("Olthoi Ripper", s.monsterName());
            assertEquals(53.95, s.ew());
            assertEquals(-31.12, s.ns());
            assertEquals(11.8, s.z());
        }

        @Test
        void spawnFallsBackToNameAndAllowsAMissingPosition() {
            var s = SampleFrames.of("spawn")
                    .without("mob")
                    .without("ew")
                    .without("ns")
                    .without("z")
                    .set("name", "Mosswart Worshipper")
                    .frame(PluginFrame.Spawn.class);
            assertEquals("Mosswart Worshipper", s.monsterName());
            assertNull(s.ew());
            assertNull(s.ns());
            assertNull(s.z());
        }

        @Test
        void chatReadsTextAndChannel() {
            var c = parsed(SampleFrames.text("chat"), PluginFrame.Chat.class);
            assertEquals("[Allegiance] Sawato says, \"anyone got a spare Gem of Knowledge? \u00e9 \"", c.text());
            assertEquals("Allegiance", c.channel());
        }

        @Test
        void rareReadsItsNameOrItemName() {
            assertEquals(
                    "Pearl of Spirit Drinking",
                    parsed(SampleFrames.text("rare"), PluginFrame.Rare.class).rareName());
            var byItemName = SampleFrames.of("rare")
                    .without("name")
                    .set("item_name", "Gelidite Ring")
                    .frame(PluginFrame.Rare.class);
            assertEquals("Gelidite Ring", byItemName.rareName());
        }

        @Test
        void combatStatsReadsItsSession() {
            assertEquals(
                    "Larsson-20250614-0802",
                    parsed(SampleFrames.text("combat_stats"), PluginFrame.CombatStats.class)
                            .sessionId());
        }

        @Test
        void dungeonMapReadsItsLandblock() {
            assertEquals(
                    "0x01D9",
                    parsed(SampleFrames.text("dungeon_map"), PluginFrame.DungeonMap.class)
                            .landblock());
        }

        @Test
        void anyShareTypeIsAShareFrame() {
            var s = SampleFrames.of("share_vitals").set("type", "share_debuffs").frame();
            assertInstanceOf(PluginFrame.Share.class, s);
            assertEquals("share_debuffs", s.type());
        }
    }

    @Nested
    class UnknownFieldsAndForwarding {

        @Test
        void unknownFieldsAreKeptInTheTree() {
            ObjectNode json = parsed(SampleFrames.text("telemetry")).envelope().json();
            assertEquals("mule-3", json.get("char_tag").textValue());
            assertEquals(412.7, json.get("mem_mb").doubleValue());
            assertEquals(61, json.get("latency_ms").intValue());
        }

        @Test
        void forwardedTextIsByteIdenticalEvenWhenReEncodingWouldChangeIt() {
            // Field order, spacing, "1.50", escapes and a trailing newline would all change if re-encoded.
            String text = "{ \"ns\" : 1.50, \"type\":\"telemetry\",\"ew\":-0.0,"
                    + "\"character_name\":\"Lars\\u00e9on\",\"timestamp\":\"2025-06-14T08:21:33Z\","
                    + "\"vt_state\":\"Combat\",\"extra\":{\"nested\":[1,2,3]} }\n";
            var t = parsed(text, PluginFrame.Telemetry.class);
            assertEquals(text, t.envelope().text());
            assertEquals("Lars\u00e9on", t.characterName());
            assertEquals(1.5, t.ns());
        }

        @Test
        void anUnknownTypeIsKeptWhole() {
            var u = parsed(SampleFrames.text("unknown"), PluginFrame.Unknown.class);
            assertEquals("salvage_report", u.type());
            assertEquals(2, u.envelope().json().get("salvage").size());
        }
    }

    @Nested
    class NumbersSentAsStrings {

        @Test
        void areReadAsNumbersAfterTrimming() {
            var t = SampleFrames.telemetry()
                    .set("ew", "12.5")
                    .set("ns", " -3.25 ")
                    .set("z", "0.5")
                    .set("kills", "40")
                    .set("total_deaths", "7")
                    .frame(PluginFrame.Telemetry.class);
            assertEquals(12.5, t.ew());
            assertEquals(-3.25, t.ns());
            assertEquals(0.5, t.z());
            assertEquals(40L, t.kills());
            assertEquals(7L, t.totalDeaths());
        }

        @Test
        void wholeNumberFieldsAreRounded() {
            var t = SampleFrames.telemetry().set("kills", "40.6").frame(PluginFrame.Telemetry.class);
            assertEquals(41L, t.kills());
        }

        @Test
        void anEmptyStringForAnOptionalNumberMeansAbsent() {
            var t = SampleFrames.telemetry().set("kills_per_hour", "").frame(PluginFrame.Telemetry.class);
            assertNull(t.killsPerHour());
        }
    }

    @Nested
    class Timestamps {

        PluginFrame withTimestamp(String jsonValue) {
            return parsed("{\"type\":\"chat\",\"character_name\":\"Larsson\",\"text\":\"hi\",\"timestamp\":" + jsonValue
                    + "}");
        }

        @Test
        void isoInstant() {
            assertEquals(
                    SAMPLE_TIME,
                    withTimestamp("\"2025-06-14T08:21:33Z\"").envelope().timestamp());
        }

        @Test
        void isoWithAnOffset() {
            assertEquals(
                    SAMPLE_TIME,
                    withTimestamp("\"2025-06-14T10:21:33+02:00\"").envelope().timestamp());
        }

        @Test
        void isoLocalTimeWithoutZoneIsReadAsUtc() {
            assertEquals(
                    SAMPLE_TIME,
                    withTimestamp("\"2025-06-14T08:21:33\"").envelope().timestamp());
        }

        @Test
        void epochSeconds() {
            assertEquals(SAMPLE_TIME, withTimestamp("1749889293").envelope().timestamp());
            assertEquals(
                    SAMPLE_TIME.plusMillis(250),
                    withTimestamp("1749889293.25").envelope().timestamp());
            assertEquals(SAMPLE_TIME, withTimestamp("\"1749889293\"").envelope().timestamp());
        }

        @Test
        void epochMillis() {
            assertEquals(
                    SAMPLE_TIME.plusMillis(123),
                    withTimestamp("1749889293123").envelope().timestamp());
            assertEquals(
                    SAMPLE_TIME.plusMillis(123),
                    withTimestamp("\"1749889293123\"").envelope().timestamp());
        }

        @Test
        void aMissingTimestampGetsTheServersAndTheForwardedTextCarriesIt() {
            String text = SampleFrames.telemetry().without("timestamp").text();

            PluginFrame frame = parsed(text);

            assertEquals(SERVER_NOW, frame.envelope().timestamp());
            ObjectNode forwarded = SampleFrames.readJson(frame.envelope().text());
            assertEquals("2025-06-14T09:00:00Z", forwarded.get("timestamp").textValue());
            ObjectNode expected = SampleFrames.telemetry().at(SERVER_NOW).json();
            assertEquals(expected, forwarded, "every other field is forwarded unchanged");
            assertEquals(forwarded, frame.envelope().json());
        }

        @Test
        void aNullOrEmptyTimestampCountsAsMissing() {
            assertEquals(SERVER_NOW, withTimestamp("null").envelope().timestamp());
            assertEquals(SERVER_NOW, withTimestamp("\"\"").envelope().timestamp());
            assertTrue(withTimestamp("null").envelope().text().contains("\"timestamp\":\"2025-06-14T09:00:00Z\""));
        }

        @Test
        void anUnreadableTimestampIsABadField() {
            Rejected r = rejected(SampleFrames.telemetry()
                    .set("timestamp", "yesterday at noon")
                    .text());
            assertEquals(Reason.BAD_FIELD, r.reason());
            assertTrue(r.detail().contains("timestamp"), r.detail());
        }
    }

    @Nested
    class Rejections {

        @ParameterizedTest
        @ValueSource(strings = {"hello plugin", "{\"type\":\"telemetry\",", "{type:'telemetry'}"})
        void textThatIsNotJsonIsMalformed(String text) {
            assertEquals(Reason.MALFORMED_JSON, rejected(text).reason());
        }

        @Test
        void aSecondValueAfterTheObjectIsMalformed() {
            // Forwarded byte for byte, the trailing value would reach every browser as invalid JSON.
            String text = SampleFrames.telemetry().text() + "{\"type\":\"chat\"}";
            assertEquals(Reason.MALFORMED_JSON, rejected(text).reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"[{\"type\":\"telemetry\"}]", "\"telemetry\"", "42", "null", "", "  "})
        void jsonThatIsNotAnObjectIsRejected(String text) {
            assertEquals(Reason.NOT_AN_OBJECT, rejected(text).reason());
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"character_name\":\"Larsson\",\"ew\":1,\"ns\":2}",
                    "{\"type\":42,\"character_name\":\"Larsson\"}",
                    "{\"type\":\"  \",\"character_name\":\"Larsson\"}",
                    "{\"type\":null,\"character_name\":\"Larsson\"}"
                })
        void aFrameWithoutAStringTypeIsRejected(String text) {
            assertEquals(Reason.MISSING_TYPE, rejected(text).reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"alert", "alert_cleared", "snapshot"})
        void aTypeOnlyTheServerSendsIsRefusedSoNoPluginForgesAnAlert(String type) {
            Rejected r = rejected("{\"type\":\"" + type + "\",\"character_name\":\"Larsson\",\"kind\":\"death\"}");
            assertEquals(Reason.RESERVED_TYPE, r.reason());
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "telemetry",
                    "vitals",
                    "character_stats",
                    "inventory",
                    "full_inventory",
                    "inventory_delta",
                    "equipment_cantrip_state",
                    "portal",
                    "spawn",
                    "chat",
                    "quest",
                    "rare",
                    "nearby_objects",
                    "combat_stats",
                    "dungeon_map"
                })
        void aKnownTypeWithoutCharacterNameIsRejected(String sample) {
            assertEquals(
                    Reason.MISSING_CHARACTER,
                    rejected(SampleFrames.of(sample).without("character_name").text())
                            .reason());
            assertEquals(
                    Reason.MISSING_CHARACTER,
                    rejected(SampleFrames.of(sample).name("   ").text()).reason());
        }

        @Test
        void anUnknownTypeWithoutCharacterIsAccepted() {
            var u = parsed(SampleFrames.of("unknown").without("character_name").text(), PluginFrame.Unknown.class);
            assertNull(u.characterName());
        }

        @Test
        void aShareFrameWithoutCharacterIsAccepted() {
            var s = parsed(
                    SampleFrames.of("share_vitals").without("character_name").text(), PluginFrame.Share.class);
            assertNull(s.characterName());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ew", "ns"})
        void telemetryWithoutItsPositionIsABadField(String field) {
            Rejected missing = rejected(SampleFrames.telemetry().without(field).text());
            assertEquals(Reason.BAD_FIELD, missing.reason());
            assertTrue(missing.detail().contains(field), missing.detail());

            assertEquals(
                    Reason.BAD_FIELD,
                    rejected(SampleFrames.telemetry().set(field, "").text()).reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"lots", "NaN", "1e999", "12,5"})
        void aNumberStringThatIsNotAFiniteNumberIsABadField(String value) {
            Rejected r = rejected(SampleFrames.telemetry().set("kills", value).text());
            assertEquals(Reason.BAD_FIELD, r.reason());
            assertTrue(r.detail().contains("kills"), r.detail());
            assertEquals(
                    Reason.BAD_FIELD,
                    rejected(SampleFrames.vitals().set("vitae", value).text()).reason());
        }

        @Test
        void aJsonNumberTooLargeForADoubleIsABadField() {
            String text = SampleFrames.telemetry().text().replace("\"ew\":53.8", "\"ew\":1e999");
            assertTrue(text.contains("1e999"));
            Rejected r = rejected(text);
            assertEquals(Reason.BAD_FIELD, r.reason());
            assertTrue(r.detail().contains("ew"), r.detail());
        }

        @Test
        void aStructureWhereTextIsExpectedIsABadField() {
            var text = SampleFrames.of("chat")
                    .set("channel", SampleFrames.json("vitals"))
                    .text();
            assertEquals(Reason.BAD_FIELD, rejected(text).reason());
        }

        @Test
        void theDetailNamesTheProblemButNeverCarriesThePayload() {
            String secretish = "do-not-echo-this-chat-line";
            Rejected r = rejected(SampleFrames.of("chat")
                    .set("text", secretish)
                    .without("character_name")
                    .text());
            assertFalse(r.detail().contains(secretish), r.detail());
            assertTrue(r.detail().contains("character_name"), r.detail());
        }
    }

    @Nested
    class Nesting {

        String nested(int depth) {
            return "{\"type\":\"salvage_report\",\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        }

        @Test
        void nestingWithinTheLimitIsAccepted() {
            assertInstanceOf(PluginFrame.Unknown.class, parsed(nested(63)));
        }

        @Test
        void nestingDeeperThan64IsRejected() {
            assertEquals(Reason.MALFORMED_JSON, rejected(nested(64)).reason());
        }

        @Test
        void hostileNestingIsRejectedWithoutBlowingTheStack() {
            // 400 KB: under the large cap of dungeon maps, so the nesting itself is what refuses it.
            String deep = "{\"type\":\"dungeon_map\",\"character_name\":\"L\",\"cells\":" + "[".repeat(200_000)
                    + "]".repeat(200_000) + "}";
            assertEquals(Reason.MALFORMED_JSON, rejected(deep).reason());
            // Any other type is refused for its size before it is read.
            assertEquals(Reason.TOO_BIG, rejected(nested(200_000)).reason());
        }
    }

    @Nested
    class TheFeedsOwnFields {

        @Test
        void aPluginsOwnSeqIsKeptAsPluginSeqSoTheFeedsSeqIsTheOnlyOne() {
            String text = SampleFrames.of("chat").set("seq", 17).text();
            PluginFrame f = parsed(text);
            assertFalse(f.envelope().json().has("seq"));
            assertEquals(17, f.envelope().json().get("plugin_seq").asInt());
            assertFalse(f.envelope().text().contains("\"seq\""), f.envelope().text());
            assertTrue(
                    f.envelope().text().contains("\"plugin_seq\":17"),
                    f.envelope().text());
        }

        @Test
        void aMalformedFramesDetailIsOneShortLine() {
            Rejected r = rejected("{\"type\": \"chat\", \"text\": " + "x".repeat(5000));
            assertTrue(r.detail().length() < 200, r.detail());
            assertFalse(r.detail().contains("\n"));
        }
    }

    /**
     * Every field that reaches a column or a key is bounded at parse time, so no journaled event
     * carries a value its read model cannot write: such a frame is refused as out_of_bounds, with
     * the field and the bound in its reason and never the value.
     */
    @Nested
    class Bounds {

        Rejected outOfBounds(SampleFrames.Builder frame, String field) {
            Rejected r = rejected(frame.text());
            assertEquals(Reason.OUT_OF_BOUNDS, r.reason(), r.detail());
            assertTrue(r.detail().contains(field), r.detail());
            assertTrue(r.detail().length() < 200, r.detail());
            return r;
        }

        @Test
        void aCharacterNameFitsItsColumn() {
            String longest = "L".repeat(FieldBounds.CHARACTER_NAME);
            assertEquals(
                    longest,
                    parsed(SampleFrames.telemetry().name(longest).text()).characterName());
            outOfBounds(SampleFrames.telemetry().name(longest + "x"), "character_name");
            outOfBounds(SampleFrames.of("chat").name("x".repeat(10_000)), "character_name");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Evil\\r\\nINFO forged line",
                    "Tab\\tName",
                    "Nul\\u0000",
                    "Bidi\u202eeman",
                    "Zero\u200bWidth",
                    "Lone\ud800"
                })
        void aCharacterNameIsPrintable(String jsonText) {
            String text = SampleFrames.telemetry().name("PLACEHOLDER").text().replace("PLACEHOLDER", jsonText);
            Rejected r = rejected(text);
            assertEquals(Reason.OUT_OF_BOUNDS, r.reason(), r.detail());
            assertTrue(r.detail().contains("unprintable"), r.detail());
        }

        @Test
        void namesOfAccentsApostrophesAndSpacesAreKept() {
            String name = "Æthelwulf O'Brien-Smith \uD83D\uDE00";
            String text = SampleFrames.telemetry().name("PLACEHOLDER").text().replace("PLACEHOLDER", name);
            assertEquals("Æthelwulf O'Brien-Smith \uD83D\uDE00", parsed(text).characterName());
        }

        @Test
        void rarePortalAndMobNamesFitTheirColumns() {
            String longest = "R".repeat(FieldBounds.THING_NAME);
            assertEquals(
                    longest,
                    parsed(SampleFrames.of("rare").set("name", longest).text(), PluginFrame.Rare.class)
                            .rareName());
            outOfBounds(SampleFrames.of("rare").set("name", longest + "R"), "name");
            outOfBounds(SampleFrames.of("rare").without("name").set("item_name", "R".repeat(300)), "item_name");
            outOfBounds(SampleFrames.of("portal").set("portal_name", "P".repeat(200)), "portal_name");
            outOfBounds(SampleFrames.of("spawn").set("mob", "M".repeat(129)), "mob");
        }

        @Test
        void sessionIdsAndMacroStatesFitTheirColumns() {
            outOfBounds(SampleFrames.telemetry().set("session_id", "s".repeat(65)), "session_id");
            outOfBounds(SampleFrames.of("combat_stats").set("session_id", "s".repeat(65)), "session_id");
            outOfBounds(SampleFrames.of("rare").set("session_id", "s".repeat(65)), "session_id");
            outOfBounds(SampleFrames.telemetry().vtState("v".repeat(33)), "vt_state");
        }

        @Test
        void aTimestampIsWithinWhatTheColumnsHold() {
            outOfBounds(SampleFrames.telemetry().set("timestamp", "1969-12-31T23:59:59Z"), "timestamp");
            outOfBounds(SampleFrames.of("combat_stats").set("timestamp", "+100000-01-01T00:00:00Z"), "timestamp");
            outOfBounds(SampleFrames.of("combat_stats").set("timestamp", "+10000-01-01T00:00:00Z"), "timestamp");
            outOfBounds(SampleFrames.of("combat_stats").set("timestamp", 1e300), "timestamp");
            outOfBounds(SampleFrames.of("combat_stats").set("timestamp", "NaN"), "timestamp");
            // Replayed and fixture frames may be dated far from the server's clock: only the column range counts.
            Instant farAhead = Instant.parse("9999-12-31T23:59:59Z");
            assertEquals(
                    farAhead,
                    parsed(SampleFrames.telemetry().at(farAhead).text())
                            .envelope()
                            .timestamp());
            Instant longAgo = Instant.parse("1970-01-01T00:00:00Z");
            assertEquals(
                    longAgo,
                    parsed(SampleFrames.telemetry().at(longAgo).text())
                            .envelope()
                            .timestamp());
        }

        @Test
        void coordinatesAndCountersStayWithinTheirRanges() {
            outOfBounds(SampleFrames.telemetry().ew(2e6), "ew");
            outOfBounds(SampleFrames.of("portal").set("ns", -1e300), "ns");
            outOfBounds(SampleFrames.telemetry().set("kills", 1e300), "kills");
            outOfBounds(SampleFrames.telemetry().set("deaths", -1), "deaths");
            outOfBounds(SampleFrames.telemetry().set("rares_found", "-5"), "rares_found");
            assertEquals(
                    1_000_000L,
                    parsed(SampleFrames.telemetry().kills(1_000_000).text(), PluginFrame.Telemetry.class)
                            .kills());
        }
    }
}
