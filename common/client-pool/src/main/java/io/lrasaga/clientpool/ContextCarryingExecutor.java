package io.lrasaga.clientpool;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.jboss.resteasy.spi.concurrent.ThreadContext;
import org.jboss.resteasy.spi.concurrent.ThreadContexts;

/**
 * Runs the shared client's asynchronous calls as RESTEasy's contextual executor does — each
 * task runs with the thread contexts (RESTEasy's context data and whatever else registers a
 * {@link ThreadContext}) of the thread that submitted it — but finds those providers once.
 * RESTEasy's own executor searches the class path with a {@code ServiceLoader} for every task
 * submitted outside a RESTEasy request that carries them, and Narayana's coordinator sends
 * every participant callback as an asynchronous call: that search was 11 % and 6 % of the
 * coordinator's samples in two profiles (BENCHMARKS.md, sessions 5 and 6).
 */
final class ContextCarryingExecutor extends AbstractExecutorService {

    private static final Logger LOG = Logger.getLogger(ContextCarryingExecutor.class);

    private final ExecutorService threads;
    private final List<ThreadContext<Object>> contexts;

    ContextCarryingExecutor() {
        this(Executors.newCachedThreadPool(new NamedDaemonThreads("lra-saga-client-async-")));
    }

    ContextCarryingExecutor(ExecutorService threads) {
        this.threads = threads;
        // RESTEasy's lookup and order (by @Priority), done once
        this.contexts = List.copyOf(new ThreadContexts().getThreadContexts());
    }

    @Override
    public void execute(Runnable task) {
        Object[] captured = new Object[contexts.size()];
        for (int i = 0; i < captured.length; i++) {
            captured[i] = contexts.get(i).capture();
        }
        threads.execute(() -> runWith(captured, task));
    }

    private void runWith(Object[] captured, Runnable task) {
        int pushed = 0;
        try {
            for (; pushed < captured.length; pushed++) {
                contexts.get(pushed).push(captured[pushed]);
            }
            task.run();
        } finally {
            for (int i = pushed - 1; i >= 0; i--) {
                try {
                    contexts.get(i).reset(captured[i]);
                } catch (RuntimeException e) {
                    // the task has run; a context that cannot be reset must not hide its result
                    LOG.warnf(e, "could not reset thread context %s", contexts.get(i));
                }
            }
        }
    }

    @Override
    public void shutdown() {
        threads.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return threads.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return threads.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return threads.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }

    /** Daemon threads, so that an idle pool never holds the JVM open. */
    private record NamedDaemonThreads(String prefix, AtomicInteger counter) implements ThreadFactory {
        NamedDaemonThreads(String prefix) {
            this(prefix, new AtomicInteger());
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
