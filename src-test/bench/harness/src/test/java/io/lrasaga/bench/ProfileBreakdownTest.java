package io.lrasaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProfileBreakdownTest {

    private static final String WORKER = "java/lang/Thread.run;org/jboss/threads/EnhancedQueueExecutor$ThreadBody.run;"
            + "org/jboss/resteasy/core/SynchronousDispatcher.invoke;";
    private static final String POOL = "java/lang/Thread.run;java/util/concurrent/ThreadPoolExecutor.runWorker;"
            + "java/util/concurrent/CompletableFuture$AsyncSupply.run;"
            + "org/jboss/resteasy/client/jaxrs/internal/ClientInvocation.lambda$executorSubmit$9;"
            + "org/apache/http/impl/client/CloseableHttpClient.execute;__GI_write";

    @Test
    void theFirstRuleThatMatchesWinsWhateverTheFramesOrder() {
        // Inside a join, the object store is the join's; the rules' order decides, not the depth.
        String join = WORKER + "io/narayana/lra/coordinator/api/Coordinator.joinLRA;"
                + "com/arjuna/ats/internal/arjuna/objectstore/ShadowingStore.write_committed";
        assertEquals("coordinator: join", ProfileBreakdown.activity("coordinator", join));
        assertEquals("coordinator: object store", ProfileBreakdown.activity("coordinator",
                "java/lang/Thread.run;com/arjuna/ats/internal/arjuna/objectstore/ShadowingStore.read_committed"));
        // JDBC inside the filters' call is the filters'; inside a plain resource method, PostgreSQL's.
        assertEquals(ProfileBreakdown.LRA_FILTERS, ProfileBreakdown.activity("orders",
                WORKER + "io/narayana/lra/filter/ServerLRAFilter.filter;org/postgresql/core/v3/QueryExecutorImpl.execute"));
        assertEquals("PostgreSQL (JDBC, Hibernate, pool)", ProfileBreakdown.activity("payments",
                WORKER + "io/lrasaga/payments/PaymentResource.pay;org/postgresql/core/v3/QueryExecutorImpl.execute"));
        assertEquals("HTTP server (RESTEasy dispatch)", ProfileBreakdown.activity("payments",
                WORKER + "com/fasterxml/jackson/databind/ObjectMapper.readValue"));
        assertEquals("JIT compiler", ProfileBreakdown.activity("orders",
                "start_thread;thread_native_entry;CompileBroker::compiler_thread_loop;C2Compiler::compile_method"));
        assertEquals("participant: complete/compensate callback", ProfileBreakdown.activity("activity",
                WORKER + "io/lrasaga/bench/stock/activity/EventResource.compensate;com/mongodb/client/MongoCollection.deleteMany"));
    }

    @Test
    void theClientPoolsTasksAreCallbacksInTheCoordinatorAndNarayanasClientElsewhere() {
        assertEquals(ProfileBreakdown.CALLBACKS, ProfileBreakdown.activity("coordinator", POOL));
        assertEquals(ProfileBreakdown.LRA_FILTERS, ProfileBreakdown.activity("orders", POOL));
        // Without the pool's frame, the same HTTP client is an outgoing call anywhere.
        assertEquals("outgoing REST calls", ProfileBreakdown.activity("orders",
                WORKER + "org/jboss/resteasy/microprofile/client/ProxyInvocationHandler.invoke"));
    }

    @Test
    void aStackNoRuleNamesIsOther() {
        assertEquals(ProfileBreakdown.OTHER, ProfileBreakdown.activity("orders", "__futex_abstimed_wait_common"));
        assertEquals(ProfileBreakdown.OTHER, ProfileBreakdown.activity("orders", "[unknown_Java];I2C/C2I adapters"));
    }

    @Test
    void eachActivityGetsItsShareOfTheProcesssCpuPerSaga() {
        // 8 samples: 4 JIT, 3 Netty, 1 other (a frame with a space in it). 600 ms of CPU over 200 sagas: 3 ms each.
        ProfileBreakdown breakdown = ProfileBreakdown.of("inventory", List.of(
                "start_thread;CompileBroker::invoke_compiler_on_method 3",
                "java/lang/Thread.run;io/netty/channel/nio/NioEventLoop.run 3",
                "",
                "start_thread;CompileBroker::compiler_thread_loop 1",
                "[unknown_Java];I2C/C2I adapters 1"), 600, 200);
        assertEquals(8, breakdown.samples());
        assertEquals(List.of(new ProfileBreakdown.Row("JIT compiler", 4, 50.0, 1.5),
                new ProfileBreakdown.Row("HTTP I/O (Vert.x, Netty)", 3, 37.5, 1.125),
                new ProfileBreakdown.Row(ProfileBreakdown.OTHER, 1, 12.5, 0.375)), breakdown.rows());
        String table = breakdown.table(5);
        assertTrue(table.startsWith("inventory: 8 samples, every 5 ms of CPU = 0.0 s (/proc in the window: 0.6 s), "
                + "3.00 CPU ms per saga over 200 sagas\n"), table);
        assertTrue(table.contains("""
                | activity | share of samples % | CPU ms per saga |
                |---|---:|---:|
                | JIT compiler | 50.0 | 1.50 |
                | HTTP I/O (Vert.x, Netty) | 37.5 | 1.13 |
                | other | 12.5 | 0.38 |
                | all | 100.0 | 3.00 |
                """), table);
    }

    @Test
    void sharesAndMillisecondsAreRoundedForTheTableOnly() {
        // Thirds: 33.3 % each of 1.00 ms is 0.33 ms, printed so though the rows keep the exact figures.
        ProfileBreakdown breakdown = ProfileBreakdown.of("mongodb", List.of("org/h2/mvstore/MVStore.commit 1",
                "de/bwaldvogel/mongo/backend/AbstractMongoCollection.insertDocuments 1", "__futex_abstimed_wait_common 1"),
                100, 100);
        assertEquals(100.0 / 3, breakdown.rows().get(0).sharePercent(), 1e-9);
        assertEquals(1.0 / 3, breakdown.rows().get(0).msPerSaga(), 1e-9);
        // Ties keep the rules' order, other last.
        assertEquals(List.of("MongoDB server storage (H2)", "MongoDB server", ProfileBreakdown.OTHER),
                breakdown.rows().stream().map(ProfileBreakdown.Row::activity).toList());
        String table = breakdown.table(5);
        assertTrue(table.contains("| MongoDB server storage (H2) | 33.3 | 0.33 |\n"), table);
        assertTrue(table.contains("| all | 100.0 | 1.00 |\n"), table);
        // No sagas: no CPU per saga, shares still.
        assertTrue(ProfileBreakdown.of("orders", List.of("x 2"), 100, 0).table(5).contains("| other | 100.0 | 0.00 |"));
    }

    @Test
    void aLineWithoutACountIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ProfileBreakdown.of("orders", List.of("java/lang/Thread.run"), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ProfileBreakdown.of("orders", List.of("12"), 1, 1));
    }
}
