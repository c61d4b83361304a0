package dev.overlord.http.alerts;

import dev.overlord.alerts.AlertRules;
import dev.overlord.alerts.AlertTarget;
import dev.overlord.alerts.HttpWebhook;
import dev.overlord.alerts.TargetNames;
import dev.overlord.discord.DiscordBot;
import dev.overlord.discord.Webhooks;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The outbox's targets by name, made once each: {@code aclog-webhook} (DISCORD_ACLOG_WEBHOOK),
 * {@code discord-webhook:<url>}, {@code discord-channel:<id>} (through the bot, when it runs) and
 * {@code http:<name>} (a generic webhook of {@code overlord.alerts.http-webhooks}). A name that
 * cannot be delivered to here resolves to nothing.
 */
public final class AlertTargets implements Function<String, Optional<AlertTarget>> {

    private final Webhooks webhooks;
    private final DiscordBot bot;
    private final boolean botEnabled;
    private final Map<String, HttpWebhook> httpWebhooks;
    private final Map<String, Optional<AlertTarget>> made = new ConcurrentHashMap<>();

    public AlertTargets(Webhooks webhooks, DiscordBot bot, boolean botEnabled, AlertRules rules) {
        this.webhooks = webhooks;
        this.bot = bot;
        this.botEnabled = botEnabled;
        this.httpWebhooks = rules.httpWebhooks();
    }

    @Override
    public Optional<AlertTarget> apply(String name) {
        return made.computeIfAbsent(name, this::make);
    }

    /** Whether alerts routed to {@code name} can be delivered. */
    public boolean configured(String name) {
        return apply(name).isPresent();
    }

    private Optional<AlertTarget> make(String name) {
        if (name.equals(TargetNames.ACLOG_WEBHOOK)) return webhooks.aclog();
        if (name.startsWith(TargetNames.DISCORD_WEBHOOK)) return webhooks.discord(name);
        if (name.startsWith(TargetNames.DISCORD_CHANNEL)) {
            if (!botEnabled) return Optional.empty();
            try {
                return Optional.of(
                        bot.channelTarget(Long.parseLong(name.substring(TargetNames.DISCORD_CHANNEL.length()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (name.startsWith(TargetNames.HTTP)) {
            HttpWebhook hook = httpWebhooks.get(name.substring(TargetNames.HTTP.length()));
            return hook == null ? Optional.empty() : Optional.of(webhooks.http(hook.name(), hook.url(), hook::body));
        }
        return Optional.empty();
    }
}
