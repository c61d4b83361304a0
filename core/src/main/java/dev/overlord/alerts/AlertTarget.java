package dev.overlord.alerts;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Somewhere an alert is delivered: a Discord webhook, a Discord channel through the bot, a generic
 * HTTP webhook. The outbox hands each undelivered alert to its target and records the outcome; a
 * target never retries on its own beyond what one {@link #send} call waits for.
 */
public interface AlertTarget {

    /** The name outbox rows carry (for example {@code aclog-webhook} or {@code http:ops}). */
    String name();

    /** Sends one alert; the stage never fails, it completes with an {@link Outcome}. */
    CompletionStage<Outcome> send(Alert alert);

    /** How one attempt ended. */
    sealed interface Outcome {}

    /** Delivered: the receiver accepted it. */
    record Sent() implements Outcome {}

    /** Not delivered this time (unreachable, 429, 5xx): try again no sooner than {@code after}. */
    record Retry(Duration after, String why) implements Outcome {}

    /** The receiver refused it for good (4xx other than 429): set aside, never retried. */
    record Rejected(String why) implements Outcome {}
}
