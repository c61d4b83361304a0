package dev.overlord.http.serverhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.overlord.alerts.Alert;
import dev.overlord.persistence.Database;
import dev.overlord.persistence.Vendor;
import dev.overlord.persistence.serverhealth.ServerStatusStore;
import dev.overlord.persistence.testing.TestDatabase;
import dev.overlord.persistence.testing.TestDatabases;
import dev.overlord.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Server health check by check, against a status page on loopback and a real database of each
 * vendor: a blip raises nothing, two failures in a row make the server down with one alert, the
 * first good check after makes it up with one more, and the state is kept in {@code server_status}.
 */
class ServerHealthTest {
    static final String UP = "{\"status\":\"up\",\"players\":42,\"uptime_seconds\":3600}";

    @TempDir
    Path tmp;

    private final List<Alert> raised = new CopyOnWriteArrayList<>();
    private final ManualClock clock = new ManualClock();

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void downAfterTwoFailedChecksAndBackUpWithOneAlertEach(Vendor vendor) {
        try (TestDatabase db = TestDatabases.create(vendor, tmp);
                Database database = db.open();
                FakeStatusPage page = new FakeStatusPage(FakeStatusPage.Reply.json(200, UP))) {
            ServerStatusStore store = new ServerStatusStore(database.dataSource());
            ServerHealth health = health(page, store);

            check(health);
            Instant firstCheck = clock.instant();
            ServerHealth.View first = health.view();
            assertEquals("up", first.status());
            assertEquals(Optional.of(42L), first.players());
            assertEquals(Optional.of(3600L), first.uptimeSeconds());
            assertTrue(first.latencyMs().isPresent());
            assertEquals(Optional.of(firstCheck), first.since());
            assertTrue(raised.isEmpty(), "the first verdict is not a change: " + raised);

            page.then(FakeStatusPage.Reply.json(503, "busy"));
            check(health);
            assertEquals("up", health.view().status(), "one failed check is a blip");
            assertEquals(Optional.of(42L), health.view().players(), "a blip keeps the last figures");
            check(health);
            assertEquals("up", health.view().status());
            assertTrue(raised.isEmpty(), "a blip raises nothing: " + raised);

            // A page that never answers, then one that answers 500: two failures in a row.
            page.then(FakeStatusPage.HANG, FakeStatusPage.Reply.json(500, "oops"));
            check(health);
            Instant firstFailure = clock.instant();
            assertEquals("up", health.view().status());
            check(health);
            Instant downAt = clock.instant();
            ServerHealth.View down = health.view();
            assertEquals("down", down.status());
            assertEquals(Optional.of(firstFailure), down.since(), "down since its first failed check");
            assertEquals(Optional.empty(), down.players());
            assertEquals(1, raised.size(), raised.toString());
            Alert downAlert = raised.get(0);
            assertEquals(Alert.KIND_SERVER_DOWN, downAlert.kind());
            assertEquals("server:server_down:" + downAt.toEpochMilli(), downAlert.id());
            assertEquals(Alert.CRITICAL, downAlert.severity());
            assertNull(downAlert.characterName());
            assertEquals("Coldeve", downAlert.fields().get("server"));
            ServerStatusStore.Row row = store.load().orElseThrow();
            assertEquals("down", row.status());
            assertEquals("Coldeve", row.server());
            assertEquals(firstFailure, row.since());

            page.then(FakeStatusPage.Reply.json(503, ""));
            check(health);
            assertEquals(1, raised.size(), "still down: nothing more");

            page.then(FakeStatusPage.Reply.json(200, "{\"online\":true,\"player_count\":\"17\",\"uptime\":12}"));
            check(health);
            Instant upAt = clock.instant();
            ServerHealth.View up = health.view();
            assertEquals("up", up.status());
            assertEquals(Optional.of(17L), up.players());
            assertEquals(Optional.of(12L), up.uptimeSeconds());
            assertEquals(Optional.of(upAt), up.since());
            assertEquals(
                    List.of(Alert.KIND_SERVER_DOWN, Alert.KIND_SERVER_UP),
                    raised.stream().map(Alert::kind).toList());
            assertEquals(
                    "server:server_up:" + upAt.toEpochMilli(), raised.get(1).id());
            row = store.load().orElseThrow();
            assertEquals("up", row.status());
            assertEquals(Optional.of(17L), row.players());
            assertEquals(Optional.of(12L), row.uptimeSeconds());
            assertEquals(upAt, row.checkedAt());
            assertEquals(upAt, row.since());
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void hugeMalformedAndListingPagesAreReadWithinBounds(Vendor vendor) {
        byte[] huge = new byte[8 << 20];
        java.util.Arrays.fill(huge, (byte) '[');
        try (TestDatabase db = TestDatabases.create(vendor, tmp);
                Database database = db.open();
                FakeStatusPage page = new FakeStatusPage(FakeStatusPage.Reply.json(200, UP))) {
            ServerHealth health = health(page, new ServerStatusStore(database.dataSource()));
            page.then(new FakeStatusPage.Reply(200, huge));
            check(health);
            assertEquals("up", health.view().status(), "a page past the bound answered: up, no details");
            assertEquals(Optional.empty(), health.view().players());

            page.then(FakeStatusPage.Reply.json(200, "{\"status\": \"up\", \"players\": "));
            check(health);
            assertEquals("up", health.view().status(), "a malformed page answered: up, no details");
            assertEquals(Optional.empty(), health.view().players());

            page.then(FakeStatusPage.Reply.json(
                    200,
                    "{\"servers\":[{\"name\":\"Darktide\",\"players\":5},"
                            + "{\"name\":\"coldeve\",\"status\":\"online\",\"count\":99}]}"));
            check(health);
            assertEquals(Optional.of(99L), health.view().players(), "the configured server's entry");

            // A page saying down counts as a failed check, like an unreachable one.
            page.then(
                    FakeStatusPage.Reply.json(200, "{\"status\":\"down\"}"),
                    FakeStatusPage.Reply.json(200, "{\"online\":false}"));
            check(health);
            check(health);
            assertEquals("down", health.view().status());
            assertEquals(
                    List.of(Alert.KIND_SERVER_DOWN),
                    raised.stream().map(Alert::kind).toList());
        }
    }

    private ServerHealth health(FakeStatusPage page, ServerStatusStore store) {
        ServerHealthSettings settings = new ServerHealthSettings(
                Optional.of(page.url()), Duration.ofSeconds(30), Duration.ofSeconds(3), "Coldeve", 64 * 1024, 2);
        return new ServerHealth(settings, page.url(), store, raised::add, clock);
    }

    /** One check, a minute after the last. */
    private void check(ServerHealth health) {
        clock.advance(Duration.ofMinutes(1));
        health.check();
    }
}
