package io.lrasaga.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One process's CPU per saga by activity, from its collapsed stacks ({@code frame;frame;...
 * count} lines, as {@link AsyncProfiler} writes them): each stack goes to the activity of the
 * first {@link #RULES rule} one of whose patterns it contains, or to {@value #OTHER}; an
 * activity's CPU ms per saga is its share of the process's samples times the process's CPU ms
 * per saga measured from /proc over the same window. The rules name library frames (Narayana,
 * RESTEasy, Vert.x, JDBC, ...) wherever they can, so that they apply alike to the stock apps and
 * to lra-saga's.
 */
final class ProfileBreakdown {

    static final String OTHER = "other";
    private static final String COORDINATOR = "coordinator";

    /**
     * One activity's patterns (substrings of a stack line), applying to every process or, when
     * {@code onlyIn} is set, to that one only.
     */
    record Rule(String activity, Optional<String> onlyIn, List<String> patterns) {

        static Rule of(String activity, String... patterns) {
            return new Rule(activity, Optional.empty(), List.of(patterns));
        }

        static Rule in(String process, String activity, String... patterns) {
            return new Rule(activity, Optional.of(process), List.of(patterns));
        }

        boolean matches(String process, String stack) {
            if (onlyIn.isPresent() && !onlyIn.get().equals(process)) {
                return false;
            }
            for (String pattern : patterns) {
                if (stack.contains(pattern)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final String CALLBACKS = "coordinator: participant callbacks";
    static final String LRA_FILTERS = "LRA filters (start/join/close by Narayana's client)";

    /** In this order: the first that matches wins. */
    static final List<Rule> RULES = List.of(
            Rule.of("JIT compiler", "CompileBroker::"),
            Rule.of("GC and VM", "VMThread::", "GCTaskThread", "ConcurrentGCThread"),
            Rule.of(CALLBACKS, "LRAParticipantRecord"),
            // RESTEasy's client runs async() and rx() calls on a pool thread, whose stack no longer
            // shows the caller. In the coordinator they are Narayana's calls to the participants;
            // in a service, NarayanaLRAClient's calls to the coordinator (it sends each one
            // async() and waits on the Future), caught by the filters' rule below.
            Rule.in(COORDINATOR, CALLBACKS, "ClientInvocation.lambda$executorSubmit"),
            Rule.of("coordinator: join", "Coordinator.joinLRA", "LRAService.joinLRA"),
            Rule.of("coordinator: close/cancel", "Coordinator.closeLRA", "Coordinator.cancelLRA", "LRAService.endLRA"),
            Rule.of("coordinator: start", "Coordinator.startLRA"),
            // Reached only outside the calls above: the recovery passes, mostly.
            Rule.of("coordinator: object store", "com/arjuna/ats/internal/arjuna/objectstore"),
            // lra-saga's participants (ParticipantResource; orders' own OrderResource), then the
            // stock services' hand-written @Complete/@Compensate methods.
            Rule.of("participant: complete/compensate callback", "ParticipantResource.complete",
                    "ParticipantResource.compensate", "OrderResource.complete", "OrderResource.compensate",
                    "ReservationResource.complete", "ReservationResource.compensate", "PaymentResource.complete",
                    "PaymentResource.compensate", "EventResource.complete", "EventResource.compensate"),
            Rule.of(LRA_FILTERS, "io/narayana/lra/filter/", "NarayanaLRAClient",
                    "io/lrasaga/participant/CoordinatorCalls", "ParticipantJoinFilter",
                    "ClientInvocation.lambda$executorSubmit"),
            Rule.of("idempotency", "io/lrasaga/idempotency/", "IdempotencyStore"),
            Rule.of("outgoing REST calls", "org/jboss/resteasy/client/", "org/jboss/resteasy/microprofile/client",
                    "org/apache/http/"),
            Rule.of("PostgreSQL (JDBC, Hibernate, pool)", "org/postgresql/", "org/hibernate/engine",
                    "org/hibernate/internal", "org/hibernate/event", "org/hibernate/resource", "org/hibernate/sql",
                    "org/hibernate/persister", "org/hibernate/loader", "io/agroal/", "com/arjuna/ats/internal/jta"),
            Rule.of("MongoDB driver", "com/mongodb/", "org/bson/"),
            Rule.of("MongoDB server storage (H2)", "org/h2/"),
            Rule.of("MongoDB server", "de/bwaldvogel/"),
            Rule.of("HTTP server (RESTEasy dispatch)", "SynchronousDispatcher"),
            Rule.of("HTTP I/O (Vert.x, Netty)", "io/netty/", "io/vertx/"));

    /** One activity of the process: its samples, their share of the process's, and its CPU ms per saga. */
    record Row(String activity, long samples, double sharePercent, double msPerSaga) {
    }

    private final String process;
    private final long samples;
    private final double cpuMillis;
    private final int sagas;
    private final List<Row> rows;

    private ProfileBreakdown(String process, long samples, double cpuMillis, int sagas, List<Row> rows) {
        this.process = process;
        this.samples = samples;
        this.cpuMillis = cpuMillis;
        this.sagas = sagas;
        this.rows = rows;
    }

    /** The activity of one stack line of {@code process}, by {@link #RULES}. */
    static String activity(String process, String stack) {
        for (Rule rule : RULES) {
            if (rule.matches(process, stack)) {
                return rule.activity();
            }
        }
        return OTHER;
    }

    /**
     * {@code process}'s collapsed stacks over a window in which it spent {@code cpuMillis} of CPU
     * (/proc) on {@code sagas} sagas. Blank lines are skipped.
     */
    static ProfileBreakdown of(String process, List<String> collapsed, double cpuMillis, int sagas) {
        Map<String, Long> byActivity = new LinkedHashMap<>();
        long total = 0;
        for (String line : collapsed) {
            if (line.isBlank()) {
                continue;
            }
            // Frames may contain spaces ("I2C/C2I adapters"); the count is after the last one.
            int space = line.lastIndexOf(' ');
            long count;
            try {
                count = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a collapsed stack line (frames count): " + line);
            }
            if (space <= 0 || count < 0) {
                throw new IllegalArgumentException("not a collapsed stack line (frames count): " + line);
            }
            byActivity.merge(activity(process, line.substring(0, space)), count, Long::sum);
            total += count;
        }
        double msPerSaga = Report.perSaga(cpuMillis, sagas);
        List<String> order = new ArrayList<>(RULES.stream().map(Rule::activity).distinct().toList());
        order.add(OTHER);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Long> activity : byActivity.entrySet()) {
            double share = (double) activity.getValue() / total;
            rows.add(new Row(activity.getKey(), activity.getValue(), 100 * share, share * msPerSaga));
        }
        // Most samples first; ties in the rules' order.
        rows.sort(Comparator.comparingLong(Row::samples).reversed()
                .thenComparingInt(row -> order.indexOf(row.activity())));
        return new ProfileBreakdown(process, total, cpuMillis, sagas, List.copyOf(rows));
    }

    long samples() {
        return samples;
    }

    List<Row> rows() {
        return rows;
    }

    /**
     * A line on the process (samples, the CPU they stand for next to /proc's), then the table:
     * activity | share of samples % | CPU ms per saga, and the total.
     */
    String table(double intervalMillis) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d samples, every %.0f ms of CPU = %.1f s (/proc in the window: %.1f s), %.2f CPU ms per saga over %d sagas%n%n",
                process, samples, intervalMillis, samples * intervalMillis / 1000, cpuMillis / 1000,
                Report.perSaga(cpuMillis, sagas), sagas));
        out.append("| activity | share of samples % | CPU ms per saga |\n|---|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f |%n", row.activity(), row.sharePercent(),
                    row.msPerSaga()));
        }
        out.append(String.format(Locale.ROOT, "| all | %.1f | %.2f |%n", samples == 0 ? 0.0 : 100.0,
                Report.perSaga(cpuMillis, sagas)));
        return out.toString();
    }
}
