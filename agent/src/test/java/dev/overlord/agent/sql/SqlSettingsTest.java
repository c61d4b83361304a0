package dev.overlord.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SqlSettingsTest {
    private static Config config() {
        return ConfigFactory.parseString("overlord.agent.sql { url = \"\", user = \"overlord_agent_ro\","
                + " password = \"\", statement-timeout = 10 s, max-rows = 500, max-result-bytes = 256 KiB,"
                + " max-query-chars = 20000, pool-size = 2 }");
    }

    @Test
    void defaultsUseTheServersDatabaseWithAManagedPassword() {
        SqlSettings s = SqlSettings.from(config());
        assertEquals("", s.url());
        assertEquals("overlord_agent_ro", s.user());
        assertTrue(s.managedPassword());
        assertEquals(Duration.ofSeconds(10), s.statementTimeout());
        assertEquals(256 * 1024, s.maxResultBytes());
    }

    @Test
    void aReferenceStyleDsnBecomesAJdbcUrlWithItsLogin() {
        Config c = ConfigFactory.parseString(
                        "overlord.agent.sql.url = \"postgresql://overlord_agent_ro:p%40ss@db.internal:5433/dereth?sslmode=require\"")
                .withFallback(config());
        SqlSettings s = SqlSettings.from(c);
        assertEquals("jdbc:postgresql://db.internal:5433/dereth?sslmode=require", s.url());
        assertEquals("overlord_agent_ro", s.user());
        assertEquals("p@ss", s.password());
        assertFalse(s.managedPassword());
        assertFalse(s.toString().contains("p@ss"));
    }

    @Test
    void refusesLimitsOutOfRange() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SqlSettings.from(ConfigFactory.parseString("overlord.agent.sql.max-rows = 0")
                        .withFallback(config())));
        assertThrows(
                IllegalArgumentException.class,
                () -> SqlSettings.from(ConfigFactory.parseString("overlord.agent.sql.statement-timeout = 0 s")
                        .withFallback(config())));
    }
}
