package io.lrasaga.saga;

/**
 * The body of a saga: calls of compensable steps, with the LRA of {@link Saga}. It may run
 * more than once (after a saga-conflict), so it must have no effect outside the saga's steps:
 * no plain database writes, no messages, no calls without the LRA — anything of that kind
 * would neither be undone nor happen exactly once.
 */
@FunctionalInterface
public interface SagaWork<T> {
    T run(Saga saga) throws Exception;
}
