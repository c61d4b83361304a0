package dev.overlord.persistence.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PortalExpirySettingsTest {

  @Test
  void portalsAreKeptAnHourByDefault() {
    assertEquals(new PortalExpiry.Settings(Duration.ofHours(1), Duration.ofMinutes(1)),
        PortalExpiry.Settings.from(ConfigFactory.empty()));
  }

  @Test
  void bothDurationsCanBeSet() {
    var c = ConfigFactory.parseString("overlord.history.portals { keep-for = 30 minutes, expire-every = 10 s }");
    assertEquals(new PortalExpiry.Settings(Duration.ofMinutes(30), Duration.ofSeconds(10)), PortalExpiry.Settings.from(c));
  }

  @Test
  void aZeroDurationIsRefused() {
    var c = ConfigFactory.parseString("overlord.history.portals.keep-for = 0s");
    assertThrows(IllegalArgumentException.class, () -> PortalExpiry.Settings.from(c));
  }
}
