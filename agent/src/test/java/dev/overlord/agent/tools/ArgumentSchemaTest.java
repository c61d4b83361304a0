package dev.overlord.agent.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The argument schemas as written and as checked: every rule refuses with the argument and the reason. */
class ArgumentSchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final JsonNode SCHEMA = ArgumentSchema.object()
            .string("character", "who", 1, 8, true)
            .integer("limit", "how many", 1, 10, false)
            .number("workmanship_min", "at least", 0, 10, false)
            .bool("equipped", "worn", false)
            .oneOf("order", "asc or desc", java.util.List.of("asc", "desc"), false)
            .strings("spells", "names", 5, 1, 2, false)
            .object("set", "a set", ArgumentSchema.object().integer("pieces", "n", 0, 11, true), false)
            .integerMap("ratings", "by name", 2, 0, 100, false)
            .build();

    static Optional<String> check(String json) throws Exception {
        return ArgumentSchema.check(SCHEMA, JSON.readTree(json));
    }

    @Test
    void theSchemaIsAStrictObject() {
        assertEquals("object", SCHEMA.path("type").asText());
        assertEquals("[\"character\"]", SCHEMA.path("required").toString());
        assertEquals(false, SCHEMA.path("additionalProperties").asBoolean(true));
        assertEquals(10, SCHEMA.path("properties").path("limit").path("maximum").asInt());
    }

    @Test
    void validArgumentsPass() throws Exception {
        assertEquals(Optional.empty(), check("""
                {"character":"Lars","limit":10,"workmanship_min":7.5,"equipped":true,"order":"desc",
                 "spells":["a","bb"],"set":{"pieces":2},"ratings":{"crit":3}}"""));
        assertEquals(Optional.empty(), check("{\"character\":\"Lars\",\"limit\":null}"), "null is not given");
        assertEquals(Optional.empty(), check("{\"character\":\"Lars\",\"limit\":3.0}"), "a whole double is whole");
    }

    @Test
    void eachRuleRefusesNamingTheArgument() throws Exception {
        assertEquals(Optional.of("argument 'character' is required"), check("{}"));
        assertEquals(Optional.of("argument 'character' is required"), ArgumentSchema.check(SCHEMA, null));
        assertEquals(Optional.of("the arguments must be an object, got a list"), check("[]"));
        assertEquals(
                Optional.of("argument 'character' must be a string, got the whole number 5"),
                check("{\"character\":5}"));
        assertEquals(Optional.of("argument 'character' must be at least 1 characters"), check("{\"character\":\"\"}"));
        assertEquals(
                Optional.of("argument 'character' must be at most 8 characters, got 9"),
                check("{\"character\":\"123456789\"}"));
        assertEquals(
                Optional.of("argument 'limit' must be from 1 to 10, got 11"),
                check("{\"character\":\"a\",\"limit\":11}"));
        assertEquals(
                Optional.of("argument 'limit' must be a whole number, got the number 2.5"),
                check("{\"character\":\"a\",\"limit\":2.5}"));
        assertEquals(
                Optional.of("argument 'limit' must be a whole number, got a string"),
                check("{\"character\":\"a\",\"limit\":\"3\"}"));
        assertEquals(
                Optional.of("argument 'limit' must be a whole number, got the whole number 99999999999999999999999"),
                check("{\"character\":\"a\",\"limit\":99999999999999999999999}"));
        assertEquals(
                Optional.of("argument 'workmanship_min' must be from 0.0 to 10.0, got 11.0"),
                check("{\"character\":\"a\",\"workmanship_min\":11}"));
        assertEquals(
                Optional.of("argument 'equipped' must be true or false, got a string"),
                check("{\"character\":\"a\",\"equipped\":\"yes\"}"));
        assertEquals(
                Optional.of("argument 'order' must be one of asc, desc, got 'up'"),
                check("{\"character\":\"a\",\"order\":\"up\"}"));
        assertEquals(
                Optional.of("argument 'spells' must have at most 2 items, got 3"),
                check("{\"character\":\"a\",\"spells\":[\"a\",\"b\",\"c\"]}"));
        assertEquals(
                Optional.of("argument 'spells[1]' must be at most 5 characters, got 6"),
                check("{\"character\":\"a\",\"spells\":[\"a\",\"bbbbbb\"]}"));
        assertEquals(Optional.of("argument 'set.pieces' is required"), check("{\"character\":\"a\",\"set\":{}}"));
        assertEquals(
                Optional.of("argument 'ratings.crit' must be from 0 to 100, got 101"),
                check("{\"character\":\"a\",\"ratings\":{\"crit\":101}}"));
        assertEquals(
                Optional.of("argument 'ratings' has more than 2 keys"),
                check("{\"character\":\"a\",\"ratings\":{\"a\":1,\"b\":2,\"c\":3}}"));
        Optional<String> unknown = check("{\"character\":\"a\",\"drop\":1}");
        assertTrue(
                unknown.orElseThrow().startsWith("unknown argument 'drop'; arguments are character, limit"),
                unknown.get());
    }

    @Test
    void textFromTheCallerIsShortenedAndMadePrintableInMessages() throws Exception {
        String message = check("{\"character\":\"a\",\"order\":\"" + "\\n".repeat(3) + "x".repeat(100) + "\"}")
                .orElseThrow();
        assertTrue(message.contains("'???xxx"), message);
        assertTrue(message.endsWith("...'"), message);
        assertTrue(message.length() < 120, message);
    }
}
