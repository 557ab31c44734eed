package io.lrasaga.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The three ways of running the order saga that the benchmark compares (BENCHMARKS.md). */
public enum Configuration {
    /** The same reads and writes, no saga: what the work costs without coordination. */
    FLOOR("floor", "/floor/orders", false, false),
    /** quarkus-narayana-lra as documented, hand-written compensation, Narayana's coordinator as shipped. */
    STOCK("stock", "/orders", true, false),
    /** The reference services on the lra-saga runtime and coordinator, every feature on. */
    LRA_SAGA("lra-saga", "/orders", true, true);

    private final String id;
    private final String orderPath;
    private final boolean coordinated;
    private final boolean idempotencyKeys;

    Configuration(String id, String orderPath, boolean coordinated, boolean idempotencyKeys) {
        this.id = id;
        this.orderPath = orderPath;
        this.coordinated = coordinated;
        this.idempotencyKeys = idempotencyKeys;
    }

    public String id() {
        return id;
    }

    /** Where orders are placed on the orders service. */
    public String orderPath() {
        return orderPath;
    }

    /** Whether a coordinator runs (and is checked for unfinished LRAs afterwards). */
    public boolean coordinated() {
        return coordinated;
    }

    /** Whether each order carries an {@code Idempotency-Key} (the runtime's idempotency is then on). */
    public boolean idempotencyKeys() {
        return idempotencyKeys;
    }

    public static Configuration byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown configuration '" + id + "'; known: "
                        + Arrays.stream(values()).map(Configuration::id).collect(Collectors.joining(", "))));
    }
}
