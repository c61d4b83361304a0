package dev.overlord.discord;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rare bot as a process of its own, reading the server's {@code /ws/live} like the reference's
 * bot: {@code java -cp ... dev.overlord.discord.BotMain}. Settings as for the server
 * ({@code overlord.discord.*}); the feed's address is OVERLORD_LIVE_URL and its token
 * OVERLORD_API_TOKEN.
 */
public final class BotMain {

    private static final Logger log = LoggerFactory.getLogger(BotMain.class);

    private BotMain() {}

    public static void main(String[] args) throws InterruptedException {
        Config config = ConfigFactory.load();
        DiscordSettings settings;
        try {
            settings = DiscordSettings.from(config.getConfig("overlord.discord"));
        } catch (RuntimeException e) {
            log.error("Bad Discord settings: {}", e.getMessage());
            System.exit(2);
            return;
        }
        if (!settings.botEnabled()) {
            log.error("The standalone bot needs DISCORD_RARE_BOT_TOKEN");
            System.exit(2);
            return;
        }
        Running running = run(settings, config.getString("overlord.auth.api-token"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            running.close();
                            stopped.countDown();
                        },
                        "bot-shutdown"));
        stopped.await();
    }

    /** The bot and the feed feeding it; closing stops both. */
    public record Running(DiscordBot bot, LiveFeedClient feed) implements AutoCloseable {
        @Override
        public void close() {
            feed.close();
            bot.close();
        }
    }

    /** Starts the bot and its feed; returns at once. */
    public static Running run(DiscordSettings settings, String apiToken) {
        DiscordBot bot = DiscordBot.start(settings);
        LiveFeedClient feed = new LiveFeedClient(
                settings.liveUrl(),
                apiToken,
                settings.maxFeedMessageBytes(),
                settings.backoffMin(),
                settings.backoffMax(),
                bot::onFeed);
        feed.start();
        return new Running(bot, feed);
    }
}
