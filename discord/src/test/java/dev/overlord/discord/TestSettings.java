package dev.overlord.discord;

import com.typesafe.config.ConfigFactory;
import java.util.Map;

/** Discord settings for tests: the shipped defaults with the given overrides. */
final class TestSettings {

    private TestSettings() {}

    static DiscordSettings of(Map<String, Object> overrides) {
        return DiscordSettings.from(ConfigFactory.parseMap(overrides)
                .withFallback(ConfigFactory.parseMap(Map.of(
                        "bot-token", "",
                        "aclog-webhook", "",
                        "common-rare-channel", "",
                        "great-rare-channel", "",
                        "aclog-channel", "",
                        "monitor-character", "",
                        "api-url", "",
                        "backoff-min", "100 ms",
                        "backoff-max", "2 s")))
                .withFallback(ConfigFactory.parseResources("application.conf")
                        .resolve()
                        .getConfig("overlord.discord")));
    }

    /** The bot against a fake Discord, with its channels configured. */
    static DiscordSettings bot(FakeDiscord fake) {
        return of(Map.of(
                "bot-token", FakeDiscord.TOKEN,
                "api-url", fake.api().toString(),
                "common-rare-channel", Long.toString(FakeDiscord.COMMON),
                "great-rare-channel", Long.toString(FakeDiscord.GREAT),
                "aclog-channel", Long.toString(FakeDiscord.ACLOG),
                "monitor-character", "Larsson"));
    }
}
