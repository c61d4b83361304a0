package dev.overlord.bench;

/** Doubles the rate until a trial fails, then bisects between the last good and first bad rate. */
final class Ramper {
    private double ok;
    private double bad = Double.NaN;
    private double current;
    private int bisectLeft;

    Ramper(double start, int bisectSteps) {
        this.current = start;
        this.bisectLeft = bisectSteps;
    }

    /** The next rate to try, or NaN when done. */
    double next() {
        return current;
    }

    void record(boolean sustained) {
        boolean doubling = Double.isNaN(bad);
        if (sustained) ok = current;
        else bad = current;
        if (doubling && sustained) {
            current = current * 2 <= 1_000_000 ? current * 2 : Double.NaN;
            return;
        }
        if (!doubling) bisectLeft--;
        current = bisectLeft > 0 ? (ok == 0 ? bad / 2 : (ok + bad) / 2) : Double.NaN;
    }

    double best() {
        return ok;
    }
}
