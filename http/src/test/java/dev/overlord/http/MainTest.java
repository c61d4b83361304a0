package dev.overlord.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line: each flag sets one configuration path; anything else is refused. */
class MainTest {

    @Test
    void eachFlagSetsItsConfigPath() {
        Map<String, Object> m = Main.parseFlags(new String[] {
            "--port",
            "9000",
            "--data-dir",
            "/var/lib/overlord",
            "--db-url",
            "jdbc:postgresql://db/overlord",
            "--simulator",
            "off",
            "--sim-characters",
            "5",
            "--prod"
        });

        assertEquals(
                Map.of(
                        "overlord.http.port", "9000",
                        "overlord.data-dir", "/var/lib/overlord",
                        "overlord.database.url", "jdbc:postgresql://db/overlord",
                        "overlord.simulator.enabled", "off",
                        "overlord.simulator.characters", "5",
                        "overlord.mode", "prod"),
                m);
    }

    @Test
    void noFlagsMeanNoOverrides() {
        assertTrue(Main.parseFlags(new String[0]).isEmpty());
    }

    @Test
    void anUnknownFlagIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Main.parseFlags(new String[] {"--colour", "red"}));
        assertEquals("unknown argument: --colour", e.getMessage());
    }

    @Test
    void aFlagWithoutItsValueIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Main.parseFlags(new String[] {"--port"}));
        assertEquals("--port needs a value", e.getMessage());
    }

    @Test
    void helpIsRefusedSoThatUsageIsPrinted() {
        assertThrows(IllegalArgumentException.class, () -> Main.parseFlags(new String[] {"--help"}));
    }
}
