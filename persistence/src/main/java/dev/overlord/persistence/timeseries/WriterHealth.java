package dev.overlord.persistence.timeseries;

import java.time.Instant;
import java.util.Optional;

/**
 * What the time-series writer knows of its database, for {@code /ready}.
 *
 * @param backlog rows accepted but not yet written
 * @param failingSince when the current run of failed writes began; empty while writes succeed
 * @param lastWrite when a batch was last written
 */
public record WriterHealth(long backlog, Optional<Instant> failingSince, Optional<Instant> lastWrite) {

    public boolean failing() {
        return failingSince.isPresent();
    }
}
