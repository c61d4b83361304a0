package dev.overlord.persistence.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The total XP a character_stats document tells, read as leniently as the frame parser reads numbers. */
class XpHandlerTest {
    @Test
    void theTotalIsANumberOrANumericString() {
        assertEquals(191_226_310_000L, XpHandler.totalXp("{\"level\":275,\"total_xp\":191226310000}"));
        assertEquals(42L, XpHandler.totalXp("{\"total_xp\":\" 42 \"}"));
        assertEquals(43L, XpHandler.totalXp("{\"total_xp\":42.6}"));
    }

    @Test
    void anythingElseIsNoTotal() {
        assertNull(XpHandler.totalXp("{\"level\":275}"));
        assertNull(XpHandler.totalXp("{\"total_xp\":null}"));
        assertNull(XpHandler.totalXp("{\"total_xp\":\"lots\"}"));
        assertNull(XpHandler.totalXp("{\"total_xp\":-5}"));
        assertNull(XpHandler.totalXp("{\"total_xp\":1e30}"));
        assertNull(XpHandler.totalXp("{\"total_xp\":{\"a\":1}}"));
        assertNull(XpHandler.totalXp("not json"));
    }
}
