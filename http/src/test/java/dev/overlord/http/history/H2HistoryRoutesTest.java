package dev.overlord.http.history;

import dev.overlord.persistence.testing.TestDatabase;
import java.util.Optional;

/** {@link HistoryRoutesContract} on the server's default H2 database. */
class H2HistoryRoutesTest extends HistoryRoutesContract {
  @Override
  protected Optional<TestDatabase> createDatabase() {
    return Optional.empty();
  }
}
