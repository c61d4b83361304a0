package dev.overlord.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** BenchMain finds each scenario by its name and runs them in a fixed order, whatever the order asked. */
class ScenariosTest {

    private static List<String> names(List<? extends Scenario<?, ?>> scenarios) {
        return scenarios.stream().map(Scenario::name).toList();
    }

    @Test
    void loadScenariosRunProbesFirstAndFanOutWheneverLatencyOrStallNeedsItsMaxima() {
        assertEquals(
                List.of("probe:max", "probe:500", "b", "c", "d"),
                names(LoadBench.scenarios(List.of("d", "probe:max", "c", "probe:500"))));
        assertEquals(List.of("a", "b", "d"), names(LoadBench.scenarios(List.of("d", "a"))));
        assertEquals(List.of("a", "b"), names(LoadBench.scenarios(List.of("b", "a"))));
    }

    @Test
    void databaseScenariosRunCopyJournalHistory() {
        assertEquals(List.of("copy", "history"), names(DatabaseBench.scenarios(List.of("history", "copy"))));
        assertTrue(DatabaseBench.knows("journal"));
        assertTrue(LoadBench.knows("probe:1000"));
        assertTrue(!LoadBench.knows("copy") && !DatabaseBench.knows("a"), "each name belongs to one family");
    }

    @Test
    void anUnknownScenarioIsRefusedBeforeAnythingRuns() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BenchMain.main(new String[] {"scenarios=a,e"}));
        assertTrue(e.getMessage().contains("unknown scenario e"), e.getMessage());
    }
}
