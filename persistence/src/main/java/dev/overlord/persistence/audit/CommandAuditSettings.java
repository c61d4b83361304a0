package dev.overlord.persistence.audit;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The command audit trail: {@code overlord.audit}.
 *
 * @param keepFor commands older than this are purged
 * @param purgeEvery pause between purges
 * @param buffer commands waiting to be written; beyond it a command is not recorded (counted as
 *     {@code buffer_full}), so that a stalled database never holds up a browser's socket
 * @param batchSize most commands written in one transaction
 * @param maxDelay longest a command waits for its batch to fill
 */
public record CommandAuditSettings(
        Duration keepFor, Duration purgeEvery, int buffer, int batchSize, Duration maxDelay) {

    public CommandAuditSettings {
        positive("keep-for", keepFor);
        positive("purge-every", purgeEvery);
        positive("max-delay", maxDelay);
        if (buffer < 1) throw new IllegalArgumentException("overlord.audit.buffer must be at least 1");
        if (batchSize < 1) throw new IllegalArgumentException("overlord.audit.batch-size must be at least 1");
    }

    /** Reads {@code overlord.audit} (defaults in persistence's reference.conf). */
    public static CommandAuditSettings from(Config root) {
        Config c = root.getConfig("overlord.audit");
        return new CommandAuditSettings(
                c.getDuration("keep-for"),
                c.getDuration("purge-every"),
                c.getInt("buffer"),
                c.getInt("batch-size"),
                c.getDuration("max-delay"));
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("overlord.audit." + name + " must be positive, got " + d);
        }
    }
}
