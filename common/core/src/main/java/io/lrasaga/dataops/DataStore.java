package io.lrasaga.dataops;

import java.util.Collection;
import java.util.List;

/**
 * A store that carries out data operations on the entities the service allow-listed
 * ({@link DataConfig#entities()}), inside the running {@link io.lrasaga.participant.Compensable}
 * step, so the store's saga runtime records and undoes them like any other write of a step.
 * Implemented by lra-saga-orm and lra-saga-mongo.
 */
public interface DataStore {

    /** The entities this store exposes. */
    Collection<? extends EntitySchema> entities();

    /** Carries out the operation; refusals are {@link io.lrasaga.problem.ProblemException}s. */
    Result apply(EntitySchema entity, DataOperation operation);

    /** The records the operation wrote (or, for a delete, removed) and how many. */
    record Result(List<Object> data, int affectedRows) {
    }
}
