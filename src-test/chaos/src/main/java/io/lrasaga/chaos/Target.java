package io.lrasaga.chaos;

import java.io.IOException;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.LocalSystem;

/** What a fault kills: one of the applications, or one of the two database servers. */
public enum Target {
    COORDINATOR(App.COORDINATOR),
    ORDERS(App.ORDERS),
    INVENTORY(App.INVENTORY),
    PAYMENTS(App.PAYMENTS),
    ACTIVITY(App.ACTIVITY),
    POSTGRES(null),
    MONGO(null);

    private final App app;

    Target(App app) {
        this.app = app;
    }

    /** SIGKILL, as a crash would. */
    void kill(LocalSystem system) throws IOException, InterruptedException {
        switch (this) {
            case POSTGRES -> system.killPostgres();
            case MONGO -> system.killMongo();
            default -> system.kill(app);
        }
    }

    /** Starts it again on the same port and data, and waits until it is ready. */
    void restart(LocalSystem system) throws IOException, InterruptedException {
        switch (this) {
            case POSTGRES -> system.startPostgres();
            case MONGO -> system.startMongo();
            default -> system.startAndAwait(app);
        }
    }

    String id() {
        return name().toLowerCase();
    }
}
