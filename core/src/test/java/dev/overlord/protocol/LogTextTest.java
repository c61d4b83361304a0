package dev.overlord.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** What a plugin sends cannot break a log line: CR, LF and other control characters come out as escapes. */
class LogTextTest {
    @Test
    void lineBreaksAndControlCharactersBecomeEscapes() {
        assertEquals("Bob\\r\\nINFO admin logged in", LogText.escape("Bob\r\nINFO admin logged in"));
        assertEquals("tab\\there\\u0000\\u001b[31m", LogText.escape("tab\there\u0000\u001b[31m"));
        assertEquals("a\\u2028b\\u202ec", LogText.escape("a\u2028b\u202ec"), "line separator, bidi override");
        assertEquals("back\\\\slash", LogText.escape("back\\slash"), "a backslash cannot fake an escape");
        assertEquals("Ünïcödé names stay", LogText.escape("Ünïcödé names stay"));
    }

    @Test
    void longTextIsCutAndQuotedNamesStayOnOneLine() {
        String escaped = LogText.escape("x".repeat(10_000));
        assertEquals(LogText.MAX_CODE_POINTS + 3, escaped.length());
        assertEquals("'O\\'Brien\\n'", LogText.quoted("O'Brien\n"));
        assertFalse(LogText.quoted("a\nb\rc").contains("\n"));
        assertEquals("null", LogText.escape(null));
    }
}
