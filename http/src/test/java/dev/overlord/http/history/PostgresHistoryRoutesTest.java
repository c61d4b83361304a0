package dev.overlord.http.history;

import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import java.util.Optional;

/** {@link HistoryRoutesContract} on a fresh PostgreSQL database, dropped afterwards. */
class PostgresHistoryRoutesTest extends HistoryRoutesContract {
  @Override
  protected Optional<TestDatabase> createDatabase() {
    return Optional.of(TestDatabases.freshPostgres());
  }
}
