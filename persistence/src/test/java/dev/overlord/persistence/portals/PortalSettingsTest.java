package dev.overlord.persistence.portals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PortalSettingsTest {

    @Test
    void portalsAreKeptAnHourByDefault() {
        assertEquals(
                new PortalSettings(Duration.ofHours(1), Duration.ofMinutes(1)),
                PortalSettings.from(ConfigFactory.load()));
    }

    @Test
    void bothDurationsCanBeSet() {
        var c = ConfigFactory.parseString("overlord.portals { keep-for = 30 minutes, expire-every = 10 s }");
        assertEquals(new PortalSettings(Duration.ofMinutes(30), Duration.ofSeconds(10)), PortalSettings.from(c));
    }

    @Test
    void aZeroDurationIsRefused() {
        var c = ConfigFactory.parseString("overlord.portals.keep-for = 0s").withFallback(ConfigFactory.load());
        assertThrows(IllegalArgumentException.class, () -> PortalSettings.from(c));
    }
}
