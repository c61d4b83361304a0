package dev.overlord.http.alerts;

import com.typesafe.config.Config;
import dev.overlord.alerts.AlertRules;
import dev.overlord.discord.DiscordBot;
import dev.overlord.discord.DiscordSettings;
import dev.overlord.discord.Webhooks;
import dev.overlord.live.LiveHub;
import dev.overlord.live.Subscription;
import dev.overlord.protocol.FrameTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Discord inside the server: the rare bot, fed the live hub's {@code rare} and {@code chat}
 * messages as the reference's bot is fed {@code /ws/live}, told every 30 s how many characters are
 * online (it says when the server loses or regains its plugins), closed at shutdown; and the
 * alert targets (webhooks, bot channels, generic webhooks) the outbox delivers to.
 */
public final class DiscordModule {

    static final Duration PLUGINS_EVERY = Duration.ofSeconds(30);

    private final DiscordBot bot;
    private final AlertTargets targets;

    private DiscordModule(DiscordBot bot, AlertTargets targets) {
        this.bot = bot;
        this.targets = targets;
    }

    public static DiscordModule start(ActorSystem<?> system, LiveHub hub, AlertRules rules, Clock clock) {
        Config config = system.settings().config();
        DiscordSettings settings = DiscordSettings.from(config.getConfig("overlord.discord"));
        DiscordBot bot = DiscordBot.start(settings);
        if (settings.botEnabled()) {
            Subscription feed = new Subscription();
            feed.subscribe(Set.of(FrameTypes.RARE, FrameTypes.CHAT));
            // A bot cut off as a slow consumer joins again; it never slows the hub.
            RestartSource.withBackoff(
                            RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2),
                            () -> hub.feed(feed, OptionalLong.empty()))
                    .runWith(Sink.foreach(bot::onFeed), Materializer.matFromSystem(system));
            Cancellable counting = system.scheduler()
                    .scheduleAtFixedRate(
                            PLUGINS_EVERY,
                            PLUGINS_EVERY,
                            () -> bot.pluginsOnline(hub.fleet()
                                    .online(clock.instant(), hub.settings().onlineWindow())
                                    .size()),
                            system.executionContext());
            CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "stop-discord-bot", () -> {
                counting.cancel();
                return CompletableFuture.runAsync(bot::close).thenApply(x -> Done.getInstance());
            });
        }
        return new DiscordModule(bot, new AlertTargets(new Webhooks(settings), bot, settings.botEnabled(), rules));
    }

    public AlertTargets targets() {
        return targets;
    }

    /** The bot's state for {@code /ready}: off, starting, ready, reconnecting or failed with why. */
    public String state() {
        return bot.state().describe();
    }
}
