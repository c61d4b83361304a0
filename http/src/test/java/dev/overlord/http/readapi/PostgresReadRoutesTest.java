package dev.overlord.http.readapi;

import dev.overlord.persistence.Vendor;

/** {@link ReadRoutesContract} on a fresh Postgres database. */
class PostgresReadRoutesTest extends ReadRoutesContract {
  @Override
  protected Vendor vendor() {
    return Vendor.POSTGRESQL;
  }
}
