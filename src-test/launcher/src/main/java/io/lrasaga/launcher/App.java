package io.lrasaga.launcher;

/**
 * The applications of the system, where their packaged jar lives relative to the project
 * root, the port offset from the base port (8080 by default), and their store.
 */
public enum App {
    COORDINATOR("lra-coordinator", 0, Store.NONE),
    ORDERS("services/orders", 1, Store.POSTGRESQL),
    INVENTORY("services/inventory", 2, Store.POSTGRESQL),
    PAYMENTS("services/payments", 3, Store.POSTGRESQL),
    ACTIVITY("services/activity", 4, Store.MONGODB);

    public enum Store {
        NONE, POSTGRESQL, MONGODB
    }

    private final String module;
    private final int portOffset;
    private final Store store;

    App(String module, int portOffset, Store store) {
        this.module = module;
        this.portOffset = portOffset;
        this.store = store;
    }

    public String module() {
        return module;
    }

    public int portOffset() {
        return portOffset;
    }

    public Store store() {
        return store;
    }

    /** Lower-case name: the database name, the log file name, the data sub-directory. */
    public String id() {
        return name().toLowerCase();
    }
}
