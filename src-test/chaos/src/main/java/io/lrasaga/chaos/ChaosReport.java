package io.lrasaga.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one seed's run did and found.
 *
 * @param answers        final answers by outcome: "201 CONFIRMED", "409 insufficient-stock", ...
 * @param unanswered     orders the database holds that no client got an answer for, by status
 * @param clientErrors   attempts that brought no order back, by why (each was retried)
 * @param faults         the faults as injected
 * @param settle         from the last restart until every saga had ended; null if it never did
 * @param failedLras     FailedTo* LRAs the coordinator lists, with their participants
 * @param violations     every invariant broken: lost or duplicated effects, stuck orders or LRAs
 */
public record ChaosReport(long seed, Duration load, double rate, int placed, Map<String, Integer> answers,
        int gaveUp, Map<String, Integer> unanswered, Map<String, Long> clientErrors, List<FaultInjector.Injected> faults,
        Duration settle, List<String> failedLras, List<String> violations) {

    public boolean passed() {
        return violations.isEmpty();
    }

    /** Faults by target. */
    public Map<String, Long> faultsByKind() {
        Map<String, Long> kinds = new TreeMap<>();
        faults.forEach(fault -> kinds.merge(fault.fault().target().id(), 1L, Long::sum));
        return kinds;
    }

    public void print(PrintStream out) {
        out.printf("== chaos seed %d: %s ==%n", seed, passed() ? "PASSED" : "FAILED");
        out.printf("orders placed: %d in %ds at %.1f/s; answers: %s%n", placed, load.toSeconds(), rate, answers);
        out.printf("orders found for keys whose answer was lost: %s; keys given up without an answer: %d%n", unanswered, gaveUp);
        out.printf("client attempts without an order (retried): %s%n", clientErrors);
        out.printf("faults injected: %d %s%n", faults.size(), faultsByKind());
        for (FaultInjector.Injected fault : faults) {
            out.printf("  %-11s planned %5.1fs killed %5.1fs down %4.1fs restart took %5.1fs%s%s%n",
                    fault.fault().target().id(), seconds(fault.fault().at()), seconds(fault.killedAt()),
                    seconds(fault.fault().down()), seconds(fault.restartTook()),
                    fault.starts() > 1 ? " (" + fault.starts() + " starts)" : "",
                    fault.error() == null ? "" : "  " + fault.error());
        }
        out.printf("time to settle: %s%n", settle == null ? "did not settle" : String.format("%.1fs", seconds(settle)));
        out.printf("failed LRAs: %s%n", failedLras.isEmpty() ? "none" : failedLras);
        out.printf("lost or duplicated, stuck: %s%n", violations.isEmpty() ? "none" : violations.size());
        violations.forEach(violation -> out.println("  " + violation));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
