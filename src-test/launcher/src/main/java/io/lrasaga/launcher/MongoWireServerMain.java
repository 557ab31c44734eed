package io.lrasaga.launcher;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The MongoDB wire server as a process of its own ({@code MongoWireServerMain DATA_FILE PORT}),
 * so a fault test can kill it with SIGKILL like a real mongod and start it again on the same
 * file and port. SIGTERM closes the H2 file cleanly.
 */
public final class MongoWireServerMain {

    private MongoWireServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: MongoWireServerMain DATA_FILE PORT");
            System.exit(2);
        }
        MongoWireServer server = MongoWireServer.start(Path.of(args[0]), Integer.parseInt(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mongo-wire-shutdown"));
        System.out.println("MongoDB wire server on " + server.connectionString());
        stopped.await();
    }
}
