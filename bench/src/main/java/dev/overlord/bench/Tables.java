package dev.overlord.bench;

import java.util.List;
import java.util.Locale;

/** The benchmark's results as Markdown: one summary and one detail table for the load scenarios, a table per database scenario. */
public final class Tables {
    private Tables() {}

    /** One line per run, for progress output. */
    static String brief(LoadRun.Result r) {
        return String.format(
                Locale.ROOT,
                "cpu %.0f%%+%.0f%% sent %,.0f/s ingested %,.0f/s delivered %,.0f/s (%,.0f per browser, worst %.2f) p50 %.2f ms p99 %.2f ms"
                        + " cut %d dropped %d rejected %d persists %.0f/s%s",
                100 * r.thisJvmCpu(),
                100 * r.othersCpu(),
                r.sentPerSec(),
                r.ingestPerSec(),
                r.deliveriesPerSec(),
                r.perBrowserPerSec(),
                r.worstBrowserShare(),
                r.p50Ms(),
                r.p99Ms(),
                r.browsersCutOff(),
                r.dropped(),
                r.rejected(),
                r.persistsPerSec(),
                r.stalledClosedByServer() == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " stalled: server cut after %.1f s, closed=%s",
                                r.stalledCutAfterSec(),
                                r.stalledClosedByServer()));
    }

    public static String markdown(LoadReport rep) {
        StringBuilder sb = new StringBuilder();
        LoadBench.Settings s = rep.settings();
        sb.append("| Measure | Overlord | L_ws | Overlord / L_ws | Target | Met |\n");
        sb.append("|---|---:|---:|---:|---|---|\n");
        if (!rep.ingest().isEmpty()) {
            Ramp o = ramp(rep.ingest(), "Overlord");
            Ramp b = ramp(rep.ingest(), "L_ws");
            double oi = o.atMax() == null ? 0 : o.atMax().ingestPerSec();
            double bi = b.atMax() == null ? 0 : b.atMax().ingestPerSec();
            row(
                    sb,
                    "(a) ingest, plugin frames/s sustained (" + s.ingestPlugins() + " plugin sockets, "
                            + s.ingestBrowsers() + " browsers)",
                    num(oi),
                    num(bi),
                    ratio(oi / bi),
                    "≥ 0.50 × L_ws",
                    met(oi / bi >= 0.5));
        }
        if (!rep.fanout().isEmpty()) {
            Ramp o = ramp(rep.fanout(), "Overlord");
            Ramp b = ramp(rep.fanout(), "L_ws");
            double od = o.atMax() == null ? 0 : o.atMax().deliveriesPerSec();
            double bd = b.atMax() == null ? 0 : b.atMax().deliveriesPerSec();
            row(
                    sb,
                    "(b) fan-out, deliveries/s sustained to " + s.browsers() + " browsers (" + s.characters()
                            + " plugins)",
                    num(od),
                    num(bd),
                    ratio(od / bd),
                    "≥ 0.60 × L_ws",
                    met(od / bd >= 0.6));
            row(
                    sb,
                    "(b) the plugin frames/s behind it",
                    num(o.maxRate()),
                    num(b.maxRate()),
                    ratio(o.maxRate() / b.maxRate()),
                    "",
                    "");
        }
        if (!rep.latencyReal().isEmpty()) {
            latency(
                    sb,
                    rep.latencyReal(),
                    String.format(
                            Locale.ROOT,
                            "%d characters at the real pace, %d browsers",
                            s.characters(),
                            s.latencyBrowsers()),
                    true);
            latency(
                    sb,
                    rep.latencyRealMany(),
                    String.format(
                            Locale.ROOT, "%d characters at the real pace, %d browsers", s.characters(), s.browsers()),
                    true);
            latency(
                    sb,
                    rep.latencyHigh(),
                    String.format(
                            Locale.ROOT,
                            "%.0f frames/s (%.0f %% of Overlord's max), %d browsers",
                            rep.latencyHighRate(),
                            100 * s.latencyLoad(),
                            s.browsers()),
                    false);
        }
        if (!rep.stallWith().isEmpty()) {
            LoadRun.Result ow = of(rep.stallWithout(), "Overlord");
            LoadRun.Result o1 = of(rep.stallWith(), "Overlord");
            LoadRun.Result bw = of(rep.stallWithout(), "L_ws");
            LoadRun.Result b1 = of(rep.stallWith(), "L_ws");
            double oc = cost(ow, o1);
            double bc = cost(bw, b1);
            row(
                    sb,
                    String.format(
                            Locale.ROOT,
                            "(d) one stalled browser: cost to the other %d browsers' deliveries/s (%.0f %% of each max)",
                            s.browsers(),
                            100 * s.stallLoad()),
                    pct(oc),
                    pct(bc),
                    "",
                    "≤ 5 %",
                    met(oc <= 5));
            row(
                    sb,
                    "(d) others' deliveries/s without → with the stalled browser",
                    num(ow.deliveriesPerSec()) + " → " + num(o1.deliveriesPerSec()),
                    num(bw.deliveriesPerSec()) + " → " + num(b1.deliveriesPerSec()),
                    "",
                    "",
                    "");
            row(
                    sb,
                    "(d) others' p99 ms without → with",
                    ms(ow.p99Ms()) + " → " + ms(o1.p99Ms()),
                    ms(bw.p99Ms()) + " → " + ms(b1.p99Ms()),
                    "",
                    "",
                    "");
            row(
                    sb,
                    "(d) stalled browser cut off by the server after (s); its feed ended",
                    String.format(Locale.ROOT, "%.1f; %s", o1.stalledCutAfterSec(), o1.stalledClosedByServer()),
                    String.format(Locale.ROOT, "%.1f; %s", b1.stalledCutAfterSec(), b1.stalledClosedByServer()),
                    "",
                    "",
                    "");
        }
        sb.append('\n');
        sb.append(
                "Every run (rates per second of the measurement window; \"worst\" is the smallest share of the\n"
                        + "window's ingested frames that any one browser received; \"cut\" counts browsers cut off or closed;\n"
                        + "\"sent\" counts frames handed to the client sockets, which the kernel may still be holding;\n"
                        + "\"persists/s\" are Overlord's journal writes;\n"
                        + "\"CPU\" is the share of the machine's cores used by this JVM and by other processes in the window):\n\n");
        sb.append(
                "| Run | Target | Plugins | Browsers | Pace | Sent/s | Ingested/s | Deliveries/s | Worst | p50 ms | p99 ms | max ms | Cut | Dropped | Rejected | Persists/s | CPU us/others |\n");
        sb.append("|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoadRun.Result r : rep.probes()) detail(sb, "probe", r);
        for (Ramp ramp : rep.ingest()) {
            for (LoadRun.Result r : ramp.trials()) detail(sb, "(a) trial", r);
            if (ramp.atMax() != null) detail(sb, "(a) at max", ramp.atMax());
        }
        for (Ramp ramp : rep.fanout()) {
            for (LoadRun.Result r : ramp.trials()) detail(sb, "(b) trial", r);
            if (ramp.atMax() != null) detail(sb, "(b) at max", ramp.atMax());
        }
        for (LoadRun.Result r : rep.latencyReal()) detail(sb, "(c) real pace", r);
        for (LoadRun.Result r : rep.latencyRealMany()) detail(sb, "(c) real pace", r);
        for (LoadRun.Result r : rep.latencyHigh()) detail(sb, "(c) high", r);
        for (LoadRun.Result r : rep.stallWithout()) detail(sb, "(d) no stall", r);
        for (LoadRun.Result r : rep.stallWith()) detail(sb, "(d) 1 stalled", r);
        return sb.toString();
    }

    /** CPU of this JVM / of other processes, in percent of the machine. */
    static String cpu(CpuMeter.Usage u) {
        return Math.round(u.thisJvm() * 100) + " % / " + Math.round(u.others() * 100) + " %";
    }

    public static String markdown(DatabaseReport r) {
        StringBuilder b = new StringBuilder();
        if (!r.copy().isEmpty()) {
            b.append(
                    "| Round | Rows | L_copy rows/s | TimeSeriesWriter rows/s | Writer / L_copy | Target | Met | CPU us/others (L_copy; writer) |\n");
            b.append("|---|---:|---:|---:|---:|---|---|---|\n");
            int i = 1;
            for (CopyScenario.Result c : r.copy()) {
                b.append("| ")
                        .append(i++)
                        .append(" | ")
                        .append(num(c.rows()))
                        .append(" | ")
                        .append(num(c.copyRowsPerSec()))
                        .append(" | ")
                        .append(num(c.writerRowsPerSec()))
                        .append(" | ")
                        .append(ratio(c.ratio()))
                        .append(" | ≥ 0.50 | ")
                        .append(met(c.ratio() >= 0.5))
                        .append(" | ")
                        .append(cpu(c.copyCpu()))
                        .append("; ")
                        .append(cpu(c.writerCpu()))
                        .append(" |\n");
            }
            b.append('\n');
        }
        if (!r.journal().isEmpty()) {
            b.append(
                    "| Journal | Entities | Frames per Observe | Events/s | Frames/s | Writes/s | Events per write | Target | Met | CPU us/others |\n");
            b.append("|---|---:|---:|---:|---:|---:|---:|---|---|---|\n");
            for (JournalScenario.Result j : r.journal()) {
                b.append("| ")
                        .append(j.database())
                        .append(" | ")
                        .append(j.entities())
                        .append(" | ")
                        .append(j.window())
                        .append(" | ")
                        .append(num(j.eventsPerSec()))
                        .append(" | ")
                        .append(num(j.framesPerSec()))
                        .append(" | ")
                        .append(num(j.persists() / j.seconds()))
                        .append(" | ")
                        .append(String.format(
                                Locale.ROOT, "%.1f", j.persists() == 0 ? 0.0 : (double) j.events() / j.persists()))
                        .append(" | ≥ 10,000 events/s | ")
                        .append(met(j.eventsPerSec() >= 10_000))
                        .append(" | ")
                        .append(cpu(j.cpu()))
                        .append(" |\n");
            }
            b.append('\n');
        }
        for (HistoryScenario.Result h : r.history()) {
            b.append(String.format(
                    Locale.ROOT,
                    "Table: %d days × %d characters × %,d rows/day = %,d rows, %s; loaded by COPY"
                            + " and vacuumed (ANALYZE) in %.0f s. %d timed rounds.%n%n",
                    h.days(),
                    h.characters(),
                    h.rowsPerDay(),
                    h.rows(),
                    h.tableSize(),
                    h.loadSeconds(),
                    h.requests()));
            b.append(
                    "| /history, one character, 24 h window | requests | rows | body | p50 ms | p95 ms | max ms"
                            + " | response p50 ms | parse p50 ms | Target | Met |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
            for (HistoryScenario.Round round : h.rounds()) {
                boolean day = round.name().startsWith("the whole");
                b.append("| ")
                        .append(round.name())
                        .append(" | ")
                        .append(round.requests())
                        .append(" | ")
                        .append(num(round.rows()))
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f MB", round.bytes() / 1e6))
                        .append(" | ")
                        .append(ms(round.total().quantileMillis(0.5)))
                        .append(" | ")
                        .append(ms(round.total().quantileMillis(0.95)))
                        .append(" | ")
                        .append(ms(round.total().quantileMillis(1.0)))
                        .append(" | ")
                        .append(ms(round.response().quantileMillis(0.5)))
                        .append(" | ")
                        .append(ms(round.parse().quantileMillis(0.5)))
                        .append(" | ")
                        .append(day ? "p95 ≤ 50 ms | " + met(round.total().quantileMillis(0.95) <= 50) : " | ")
                        .append(" |\n");
            }
            b.append(
                            "| the query alone: `TelemetryQueries.page`, whole 24 h, every column read, no JSON, no HTTP | 1 | | | ")
                    .append(ms(h.query().quantileMillis(0.5)))
                    .append(" | ")
                    .append(ms(h.query().quantileMillis(0.95)))
                    .append(" | ")
                    .append(ms(h.query().quantileMillis(1.0)))
                    .append(" | | |  |  |\n");
            b.append("\n*response* is from sending the request to the body's last byte (query, JSON, transfer);"
                    + " *parse* is Jackson's `readTree` of the body; rows and body of the last round.\n");
            b.append("\nCPU us/others during the timed rounds: ")
                    .append(cpu(h.cpu()))
                    .append("\n\n");
        }
        return b.toString();
    }

    private static void latency(StringBuilder sb, List<LoadRun.Result> rs, String what, boolean target) {
        LoadRun.Result o = of(rs, "Overlord");
        LoadRun.Result b = of(rs, "L_ws");
        row(sb, "(c) latency p50 ms, " + what, ms(o.p50Ms()), ms(b.p50Ms()), ratio(o.p50Ms() / b.p50Ms()), "", "");
        row(
                sb,
                "(c) latency p99 ms, same",
                ms(o.p99Ms()),
                ms(b.p99Ms()),
                ratio(o.p99Ms() / b.p99Ms()),
                target ? "≤ 15 ms" : "",
                target ? met(o.p99Ms() <= 15) : "");
    }

    /** The others' loss of delivery rate, in percent (negative: they got more). */
    static double cost(LoadRun.Result without, LoadRun.Result with) {
        double perWithout = without.deliveriesPerSec() / without.spec().browsers();
        double perWith = with.deliveriesPerSec() / with.spec().browsers();
        return 100 * (perWithout - perWith) / perWithout;
    }

    private static void detail(StringBuilder sb, String run, LoadRun.Result r) {
        String pace = switch (r.spec().load()) {
            case Pace.Max m -> "max";
            case Pace.Rate rate -> String.format(Locale.ROOT, "%.0f/s", rate.framesPerSecond());
            case Pace.Bulk bulk -> String.format(Locale.ROOT, "%.0f/s inventories", bulk.framesPerSecond());
            case Pace.RealTime rt -> "real (" + rt.every().toSeconds() + " s)";
        };
        sb.append(String.format(
                Locale.ROOT,
                "| %s | %s | %d | %d%s | %s | %s | %s | %s | %.3f | %s | %s | %s | %d | %d | %d | %s | %.0f %% / %.0f %% |%n",
                run,
                r.target(),
                r.spec().plugins(),
                r.spec().browsers(),
                r.spec().stalledBrowser() ? "+1 stalled" : "",
                pace,
                num(r.sentPerSec()),
                num(r.ingestPerSec()),
                num(r.deliveriesPerSec()),
                r.worstBrowserShare(),
                ms(r.p50Ms()),
                ms(r.p99Ms()),
                ms(r.maxMs()),
                r.browsersCutOff(),
                r.dropped(),
                r.rejected(),
                num(r.persistsPerSec()),
                100 * r.thisJvmCpu(),
                100 * r.othersCpu()));
    }

    private static void row(StringBuilder sb, String... cells) {
        sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static LoadRun.Result of(List<LoadRun.Result> rs, String target) {
        return rs.stream().filter(r -> r.target().equals(target)).findFirst().orElseThrow();
    }

    private static Ramp ramp(List<Ramp> rs, String target) {
        return rs.stream().filter(r -> r.target().equals(target)).findFirst().orElseThrow();
    }

    static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", v);
    }

    static String met(boolean ok) {
        return ok ? "yes" : "**no**";
    }
}
