package dev.overlord.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overlord.testing.SampleFrames;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionTest {

    static final JsonNode VITALS = SampleFrames.readJson("""
            {"type":"vitals","character_name":"Larsson","health_current":312,"health_max":"345",
             "health_percentage":21.5,"vitae":0,"state":"Combat","note":null,
             "allegiance":{"rank":6,"name":"Mosswart Enjoyers"},"buffs":["Might","Focus"]}
            """);

    static boolean holds(String condition) {
        return Condition.parse(condition).test(VITALS);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "health_percentage < 30 | true",
                "health_percentage <= 21.5 | true",
                "health_percentage > 21.5 | false",
                "health_percentage >= 21.5 | true",
                "vitae == 0 | true",
                "vitae != 0 | false",
                "health_max > 300 | true", // a number sent as a string compares as a number
                "health_max == 345.0 | true",
                "health_current < 1000 | true", // 312 < 1000 numerically, though '312' > '1000' as text
                "state == 'Combat' | true",
                "state == \"combat\" | false", // == is exact
                "state != 'Idle' | true",
                "state < 'D' | true", // strings compare as strings
                "allegiance.rank >= 6 | true",
                "allegiance.name contains 'mosswart' | true",
                "buffs.1 == 'Focus' | true",
                "buffs.7 exists | false",
                "state contains 'OMB' | true",
                "state matches '^Com' | true",
                "state matches '^bat' | false",
                "state matches '(?i)^combat$' | true",
                "note exists | false", // null is absent
                "allegiance exists | true",
                "missing exists | false",
                "not missing exists | true",
                "missing < 5 | false", // an absent field makes every comparison false
                "missing != 5 | false",
                "allegiance == 'x' | false", // objects do not compare
                "vitae == 0 and health_percentage < 30 | true",
                "vitae == 1 or health_percentage < 30 | true",
                "vitae == 1 or health_percentage < 30 and state == 'Idle' | false", // and binds tighter
                "(vitae == 1 or health_percentage < 30) and state == 'Combat' | true",
                "not vitae == 0 | false",
                "not (vitae == 1) | true",
                "NOT vitae == 1 AND state EXISTS | true", // keywords in any case
                "true_field == true | false",
                "'' == '' | error",
            })
    void evaluates(String condition, String expected) {
        if (expected.equals("error")) {
            assertThrows(IllegalArgumentException.class, () -> Condition.parse(condition));
        } else {
            assertEquals(Boolean.parseBoolean(expected), holds(condition), condition);
        }
    }

    @Test
    void aBlankConditionAlwaysHolds() {
        assertTrue(holds(""));
        assertTrue(Condition.parse(null).test(VITALS));
    }

    @Test
    void theFieldsAConditionReadsAreKnown() {
        assertEquals(
                Set.of("vitae", "health_percentage", "state", "allegiance.rank"),
                Condition.parse(
                                "vitae == 0 and (health_percentage < 30 or not state exists) or allegiance.rank matches '1'")
                        .fields());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "vitae = 0",
                "vitae =< 0",
                "vitae <> 0",
                "vitae == Idle",
                "vitae",
                "vitae ==",
                "vitae like 'x'",
                "(vitae == 0",
                "vitae == 0)",
                "vitae == 0 vitae == 1",
                "vitae == 'open",
                "and == 1",
                "state matches '(unclosed'",
                "state matches '*'",
                "vitae == 1e999",
                "vitae == 0 & state == 'x'",
                "a..b exists",
            })
    void aMistakeIsAParseErrorThatSaysWhere(String condition) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Condition.parse(condition));
        assertTrue(e.getMessage().contains("condition"), e.getMessage());
    }

    @Test
    void nestingAndLengthAreBounded() {
        String deep = "(".repeat(100) + "vitae == 0" + ")".repeat(100);
        assertThrows(IllegalArgumentException.class, () -> Condition.parse(deep));
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("not ".repeat(40) + "vitae == 0"));
        String fine = "(".repeat(10) + "vitae == 0" + ")".repeat(10);
        assertTrue(holds(fine));
        assertThrows(
                IllegalArgumentException.class, () -> Condition.parse("vitae == 0 or ".repeat(200) + "vitae == 0"));
    }

    @Test
    void matchesLooksOnlyAtTheStartOfALongValue() {
        JsonNode frame = SampleFrames.readJson(
                "{\"type\":\"chat\",\"text\":\"" + "a".repeat(Condition.MATCH_INPUT_LIMIT) + "needle\"}");
        assertFalse(Condition.parse("text matches 'needle'").test(frame));
        assertTrue(Condition.parse("text contains 'needle'").test(frame));
    }

    @Test
    void aRegexThatBacktracksWithoutEndMatchesNothingAndReturnsQuickly() {
        JsonNode frame = SampleFrames.readJson("{\"type\":\"chat\",\"text\":\"" + "a".repeat(40) + "!\"}");
        Condition evil = Condition.parse("text matches '^(a+)+$'");
        assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> evil.test(frame)));
    }
}
