package dev.overlord.protocol;

import static dev.overlord.protocol.JsonFields.bounded;
import static dev.overlord.protocol.JsonFields.coordinate;
import static dev.overlord.protocol.JsonFields.dbl;
import static dev.overlord.protocol.JsonFields.lng;
import static dev.overlord.protocol.JsonFields.requiredCoordinate;
import static dev.overlord.protocol.JsonFields.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overlord.inventory.ItemParser;
import dev.overlord.protocol.ParseResult.Parsed;
import dev.overlord.protocol.ParseResult.Reason;
import dev.overlord.protocol.ParseResult.Rejected;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns one text message from a plugin into a {@link PluginFrame}, once. Liberal in what it
 * accepts (numbers as strings, unknown fields and types, a missing timestamp gets the server's),
 * strict only where a frame would be meaningless (not JSON, no type, no character, no position)
 * and where a value could not be kept: every field that reaches a column or a key is bounded here
 * ({@link FieldBounds}: lengths, printable names, coordinates, counters, a timestamp between
 * {@link FieldBounds#EARLIEST} and {@link FieldBounds#LATEST}). Thread-safe.
 */
public final class FrameParser {

    /** Field names of the plugin contract. */
    public static final String TYPE = "type";

    public static final String CHARACTER = "character_name";
    public static final String TIMESTAMP = "timestamp";
    /** Written by the live hub into every event; a plugin's own {@code seq} moves to {@link #PLUGIN_SEQ}. */
    public static final String SEQ = "seq";

    public static final String PLUGIN_SEQ = "plugin_seq";

    private final ObjectMapper mapper;
    private final Clock clock;
    private final FrameLimits limits;

    public FrameParser(Clock clock) {
        this(clock, FrameLimits.DEFAULT);
    }

    public FrameParser(Clock clock, FrameLimits limits) {
        this.clock = clock;
        this.limits = limits;
        // Nesting is capped so a hostile frame cannot blow the stack; sizes are capped by type below.
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        // A frame is forwarded byte for byte, so anything after its object must make it invalid.
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public FrameParser() {
        this(Clock.systemUTC());
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public FrameLimits limits() {
        return limits;
    }

    public ParseResult parse(String text) {
        if (Utf8.exceeds(text, limits.frameBytes())) {
            // Only a few types may be large: find the type by streaming, without building the tree.
            String type = peekType(text);
            long cap = limits.capFor(type);
            if (Utf8.exceeds(text, cap)) return new Rejected(Reason.TOO_BIG, limits.tooBig(type, cap));
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return new Rejected(Reason.MALFORMED_JSON, "not valid JSON: " + abbreviate(e.getOriginalMessage()));
        }
        if (!(node instanceof ObjectNode json)) {
            return new Rejected(Reason.NOT_AN_OBJECT, "a frame must be a JSON object");
        }
        JsonNode typeNode = json.get(TYPE);
        if (typeNode == null || !typeNode.isTextual() || typeNode.textValue().isBlank()) {
            return new Rejected(Reason.MISSING_TYPE, "a frame needs a string field 'type'");
        }
        String type = typeNode.textValue();
        if (FrameTypes.isServerOnly(type)) {
            return new Rejected(Reason.RESERVED_TYPE, shown(type) + " is a type only the server sends");
        }
        try {
            String character = bounded(json, CHARACTER, FieldBounds.CHARACTER_NAME);
            if ((character == null || character.isBlank()) && requiresCharacter(type)) {
                return new Rejected(Reason.MISSING_CHARACTER, shown(type) + " frame without character_name");
            }
            Instant ts = JsonFields.instant(json, TIMESTAMP);
            if (ts != null) inRange(ts);
            String forwarded = text;
            boolean changed = false;
            if (ts == null) {
                ts = clock.instant();
                json.put(TIMESTAMP, ts.toString());
                changed = true;
            }
            if (json.has(SEQ)) {
                // "seq" is the live feed's own field; a plugin's value is kept under another name.
                json.set(PLUGIN_SEQ, json.remove(SEQ));
                changed = true;
            }
            if (changed) forwarded = json.toString();
            FrameEnvelope env = new FrameEnvelope(type, character, ts, json, forwarded);
            return new Parsed(typed(env, json));
        } catch (JsonFields.BadField e) {
            return new Rejected(e.reason, shown(type) + " frame: " + e.getMessage());
        }
    }

    private void inRange(Instant ts) {
        if (ts.isBefore(FieldBounds.EARLIEST)) {
            throw JsonFields.BadField.outOfBounds(TIMESTAMP, "before " + FieldBounds.EARLIEST);
        }
        if (ts.isAfter(FieldBounds.LATEST)) {
            throw JsonFields.BadField.outOfBounds(TIMESTAMP, "after " + FieldBounds.LATEST);
        }
    }

    /** Parser messages may quote the input: keep them to one short printable line. */
    private static String abbreviate(String message) {
        return Echo.line(message, 160);
    }

    /** A type as echoed back: the contract's names as they are, anything else bounded and printable. */
    private static String shown(String type) {
        return FrameTypes.isKnown(type) && !type.startsWith(FrameTypes.SHARE_PREFIX) ? type : Echo.line(type, 40);
    }

    /** The top-level {@code type} string, read as a stream; empty when absent or not readable. */
    private String peekType(String text) {
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean isType = TYPE.equals(p.currentName());
                JsonToken value = p.nextToken();
                if (isType) return value == JsonToken.VALUE_STRING ? p.getText() : "";
                p.skipChildren();
            }
            return "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static boolean requiresCharacter(String type) {
        return FrameTypes.isKnown(type) && !type.startsWith(FrameTypes.SHARE_PREFIX);
    }

    private static PluginFrame typed(FrameEnvelope env, ObjectNode j) {
        return switch (env.type()) {
            case FrameTypes.TELEMETRY ->
                new PluginFrame.Telemetry(
                        env,
                        requiredCoordinate(j, "ew"),
                        requiredCoordinate(j, "ns"),
                        orZero(coordinate(j, "z")),
                        lng(j, "kills"),
                        dbl(j, "kills_per_hour"),
                        lng(j, "deaths"),
                        lng(j, "total_deaths"),
                        lng(j, "rares_found"),
                        lng(j, "prismatic_taper_count"),
                        bounded(j, "vt_state", FieldBounds.VT_STATE),
                        bounded(j, "session_id", FieldBounds.SESSION_ID));
            case FrameTypes.VITALS ->
                new PluginFrame.Vitals(
                        env,
                        dbl(j, "health_current"),
                        dbl(j, "health_max"),
                        dbl(j, "stamina_current"),
                        dbl(j, "stamina_max"),
                        dbl(j, "mana_current"),
                        dbl(j, "mana_max"),
                        dbl(j, "vitae"));
            case FrameTypes.CHARACTER_STATS -> new PluginFrame.CharacterStats(env);
            case FrameTypes.INVENTORY, FrameTypes.FULL_INVENTORY -> fullInventory(env, j);
            case FrameTypes.INVENTORY_DELTA -> inventoryDelta(env, j);
            case FrameTypes.EQUIPMENT_CANTRIP_STATE -> new PluginFrame.EquipmentCantripState(env);
            case FrameTypes.PORTAL ->
                new PluginFrame.Portal(
                        env,
                        thingName(j, "portal_name", "name"),
                        coordinate(j, "ew"),
                        coordinate(j, "ns"),
                        coordinate(j, "z"));
            case FrameTypes.SPAWN ->
                new PluginFrame.Spawn(
                        env, thingName(j, "mob", "name"), coordinate(j, "ew"), coordinate(j, "ns"), coordinate(j, "z"));
            case FrameTypes.CHAT -> new PluginFrame.Chat(env, text(j, "text"), text(j, "channel"));
            case FrameTypes.QUEST -> new PluginFrame.Quest(env);
            case FrameTypes.RARE -> rare(env, j);
            case FrameTypes.NEARBY_OBJECTS -> new PluginFrame.NearbyObjects(env);
            case FrameTypes.COMBAT_STATS ->
                new PluginFrame.CombatStats(env, bounded(j, "session_id", FieldBounds.SESSION_ID));
            case FrameTypes.DUNGEON_MAP -> new PluginFrame.DungeonMap(env, text(j, "landblock"));
            default ->
                env.type().startsWith(FrameTypes.SHARE_PREFIX)
                        ? new PluginFrame.Share(env)
                        : new PluginFrame.Unknown(env);
        };
    }

    private static double orZero(Double d) {
        return d == null ? 0.0 : d;
    }

    /** A rare's name and the session its row keeps, each within its column (the entity reads the rest leniently). */
    private static PluginFrame.Rare rare(FrameEnvelope env, ObjectNode j) {
        JsonNode session = j.get("session_id");
        if (session != null && session.isValueNode()) bounded(j, "session_id", FieldBounds.SESSION_ID);
        return new PluginFrame.Rare(env, thingName(j, "name", "item_name"));
    }

    /** The name of a rare, portal or mob, from the first of two fields the plugin may use. */
    private static String thingName(ObjectNode j, String a, String b) {
        String v = bounded(j, a, FieldBounds.THING_NAME);
        return v != null ? v : bounded(j, b, FieldBounds.THING_NAME);
    }

    private static PluginFrame.FullInventory fullInventory(FrameEnvelope env, ObjectNode j) {
        JsonNode items = j.get("items");
        ArrayNode array = items != null && items.isArray() ? (ArrayNode) items : JsonNodeFactory.instance.arrayNode();
        return new PluginFrame.FullInventory(env, array.size(), array);
    }

    private static PluginFrame.InventoryDelta inventoryDelta(FrameEnvelope env, ObjectNode j) {
        String action = text(j, "action");
        if (action != null && action.length() > 32) action = action.substring(0, 32);
        JsonNode item = j.get("item");
        ObjectNode itemObject = item != null && item.isObject() ? (ObjectNode) item : null;
        Long id = ItemParser.id(j.has("item_id") ? idHolder(j.get("item_id")) : null);
        if (id == null) id = ItemParser.id(itemObject);
        return new PluginFrame.InventoryDelta(
                env, action == null ? null : action.strip().toLowerCase(Locale.ROOT), itemObject, id);
    }

    private static ObjectNode idHolder(JsonNode id) {
        ObjectNode holder = JsonNodeFactory.instance.objectNode();
        holder.set("id", id);
        return holder;
    }
}
