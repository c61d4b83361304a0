package dev.overlord.http.readapi;

import dev.overlord.persistence.Vendor;

/** {@link ReadRoutesContract} on a fresh H2 database. */
class H2ReadRoutesTest extends ReadRoutesContract {
  @Override
  protected Vendor vendor() {
    return Vendor.H2;
  }
}
