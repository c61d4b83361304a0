package dev.overlord.discord;

import dev.overlord.alerts.Alert;
import dev.overlord.alerts.AlertTarget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;

/**
 * Posts an alert to a channel through the bot ({@code discord-channel:<id>}). JDA waits out rate
 * limits and retries Discord's 502s itself within one call; what is left maps to an outcome. The
 * message's nonce comes from the alert id, so a delivery tried again after a lost answer is kept
 * once by Discord.
 */
public final class DiscordChannelTarget implements AlertTarget {

    public static final String PREFIX = "discord-channel:";

    private final DiscordBot bot;
    private final long channel;
    private final Backoff backoff;

    DiscordChannelTarget(DiscordBot bot, long channel, Backoff backoff) {
        this.bot = bot;
        this.channel = channel;
        this.backoff = backoff;
    }

    @Override
    public String name() {
        return PREFIX + Long.toUnsignedString(channel);
    }

    @Override
    public CompletionStage<Outcome> send(Alert alert) {
        DiscordBot.State state = bot.state();
        switch (state) {
            case DiscordBot.Off off -> {
                return done(new Rejected("the Discord bot is off (no DISCORD_RARE_BOT_TOKEN)"));
            }
            case DiscordBot.Ready r -> {}
            case DiscordBot.Reconnecting r -> {}
            default -> {
                return done(new Retry(backoff.next(), "the Discord bot is " + state.describe()));
            }
        }
        return bot.submit(channel, AlertEmbeds.of(alert), DiscordBot.nonce("alert|" + alert.id()))
                .handle((message, error) -> {
                    if (error == null) {
                        backoff.reset();
                        return (Outcome) new Sent();
                    }
                    return outcome(
                            error instanceof CompletionException && error.getCause() != null
                                    ? error.getCause()
                                    : error);
                });
    }

    private Outcome outcome(Throwable error) {
        return switch (error) {
            case DiscordBot.UnknownChannel u -> new Rejected(u.getMessage());
            case InsufficientPermissionException p -> new Rejected("missing permission " + p.getPermission());
            case RateLimitedException r -> new Retry(Duration.ofMillis(Math.max(0, r.getRetryAfter())), "rate limited");
            case ErrorResponseException e
            when e.isServerError() || e.getResponse().code >= 500 ->
                new Retry(backoff.next(), "server error " + e.getResponse().code);
            case ErrorResponseException e
            when e.getResponse().code == 429 -> new Retry(backoff.next(), "rate limited (429)");
            case ErrorResponseException e ->
                new Rejected("refused with " + e.getResponse().code + ": " + e.getMeaning());
            default -> new Retry(backoff.next(), "not sent: " + error.getClass().getSimpleName());
        };
    }

    private static CompletionStage<Outcome> done(Outcome o) {
        return CompletableFuture.completedFuture(o);
    }

    @Override
    public String toString() {
        return "DiscordChannelTarget[" + name() + "]";
    }
}
