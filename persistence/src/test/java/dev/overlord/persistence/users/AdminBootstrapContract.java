package dev.overlord.persistence.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AdminBootstrap behaviour, run once per vendor by the concrete subclasses. */
abstract class AdminBootstrapContract extends UsersTestBase {

    @Test
    void createsAdminFromGivenPassword() {
        assertEquals(Optional.empty(), AdminBootstrap.ensureAdmin(store, Optional.of("given-password"), false));
        assertTrue(store.verify("admin", "given-password".toCharArray()));
        assertEquals(1, store.count());
    }

    @Test
    void devModeGeneratesAndReturnsPassword() {
        Optional<String> generated = AdminBootstrap.ensureAdmin(store, Optional.empty(), true);
        assertTrue(generated.isPresent());
        assertTrue(generated.get().length() >= 20, generated.get());
        assertTrue(store.verify("admin", generated.get().toCharArray()));
    }

    @Test
    void devModeUsesGivenPasswordWhenThereIsOne() {
        assertEquals(Optional.empty(), AdminBootstrap.ensureAdmin(store, Optional.of("given-password"), true));
        assertTrue(store.verify("admin", "given-password".toCharArray()));
    }

    @Test
    void prodModeWithoutPasswordRefusesToStart() {
        for (Optional<String> missing : List.of(Optional.<String>empty(), Optional.of("  "))) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> AdminBootstrap.ensureAdmin(store, missing, false));
            assertTrue(e.getMessage().contains("OVERLORD_ADMIN_PASSWORD"), e.getMessage());
        }
        assertEquals(0, store.count());
    }

    @Test
    void doesNothingOnceAnyUserExists() {
        store.create("operator", "operator-pw".toCharArray());
        assertEquals(Optional.empty(), AdminBootstrap.ensureAdmin(store, Optional.empty(), false));
        assertEquals(Optional.empty(), AdminBootstrap.ensureAdmin(store, Optional.of("given-password"), true));
        assertFalse(store.exists("admin"));
    }

    @Test
    void secondRunLeavesGeneratedAdminAlone() {
        String first = AdminBootstrap.ensureAdmin(store, Optional.empty(), true).orElseThrow();
        assertEquals(Optional.empty(), AdminBootstrap.ensureAdmin(store, Optional.empty(), true));
        assertTrue(store.verify("admin", first.toCharArray()));
    }

    @Test
    void tooShortGivenPasswordIsRejected() {
        assertThrows(
                InvalidPasswordException.class, () -> AdminBootstrap.ensureAdmin(store, Optional.of("short"), false));
        assertEquals(0, store.count());
    }
}
