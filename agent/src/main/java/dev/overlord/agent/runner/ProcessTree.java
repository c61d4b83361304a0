package dev.overlord.agent.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/** Stops a subprocess and everything it started, and waits for them to be gone. */
final class ProcessTree {
    private static final Duration POLL = Duration.ofMillis(10);

    private ProcessTree() {}

    /**
     * Kills every descendant of {@code root}, then {@code root}: descendants first, because once
     * the root is gone its children are re-parented and no longer found through it. A few rounds,
     * in case a child was starting another as we looked. Returns every process signalled.
     */
    static List<ProcessHandle> kill(ProcessHandle root) {
        Set<ProcessHandle> signalled = new LinkedHashSet<>();
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> found = root.descendants().toList();
            if (found.isEmpty() || signalled.containsAll(found)) break;
            for (ProcessHandle p : found) {
                if (signalled.add(p)) p.destroyForcibly();
            }
        }
        root.destroyForcibly();
        signalled.add(root);
        return new ArrayList<>(signalled);
    }

    /** Kills those of {@code processes} still alive (a tree snapshot taken earlier). */
    static void killAll(List<ProcessHandle> processes) {
        for (ProcessHandle p : processes) {
            if (p.isAlive()) p.destroyForcibly();
        }
    }

    /**
     * Waits until each of {@code processes} has exited, up to {@code grace} in all; true if all
     * did. Polled: most of them are not our children, and the JDK watches those slowly.
     */
    static boolean awaitGone(List<ProcessHandle> processes, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() >= deadline) return false;
            if (Thread.interrupted()) throw new InterruptedException();
            LockSupport.parkNanos(POLL.toNanos());
        }
        return true;
    }
}
