package dev.overlord.http.readapi;

import static org.apache.pekko.http.javadsl.server.Directives.concat;

import dev.overlord.http.characterstats.CharacterStatsRoutes;
import dev.overlord.http.combat.CombatRoutes;
import dev.overlord.http.inventory.InventoryRoutes;
import dev.overlord.http.load.Bulkhead;
import dev.overlord.http.portals.PortalRoutes;
import dev.overlord.http.rares.RareRoutes;
import dev.overlord.http.spawns.SpawnRoutes;
import dev.overlord.http.telemetry.TelemetryRoutes;
import dev.overlord.metrics.Metrics;
import dev.overlord.persistence.KnownCharacters;
import dev.overlord.persistence.characterstats.CharacterStatsQueries;
import dev.overlord.persistence.combat.CombatQueries;
import dev.overlord.persistence.inventory.InventoryItems;
import dev.overlord.persistence.portals.PortalQueries;
import dev.overlord.persistence.rares.RareQueries;
import dev.overlord.persistence.spawns.SpawnQueries;
import dev.overlord.persistence.telemetry.TelemetryQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.http.javadsl.server.Route;

/** Every read route over one database, wired as the server wires them, for the route tests. */
public final class ReadRoutes {

    private ReadRoutes() {}

    public static Route over(DataSource ds, Duration portalsKeptFor, Executor blocking, Clock clock) {
        Bulkhead gate = new Bulkhead("queries", new Bulkhead.Settings(4, 64), blocking, new Metrics());
        Answers answers = new Answers(gate, Duration.ofSeconds(20), new KnownCharacters(ds));
        return concat(
                new TelemetryRoutes(new TelemetryQueries(ds), answers, clock).route(),
                new SpawnRoutes(new SpawnQueries(ds), answers, clock).route(),
                new PortalRoutes(new PortalQueries(ds), portalsKeptFor, answers, clock).route(),
                new RareRoutes(new RareQueries(ds), answers).route(),
                new CombatRoutes(new CombatQueries(ds), answers).route(),
                new CharacterStatsRoutes(new CharacterStatsQueries(ds), answers).route(),
                new InventoryRoutes(new InventoryItems(ds), answers).route());
    }
}
