package io.lrasaga.clientpool.deployment;

import java.util.List;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.BytecodeTransformerBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * Narayana's LRA client (every start, join, close of an initiator or participant filter) and
 * its coordinator (every participant callback) call {@code ClientBuilder.newClient()} each time.
 * That call searches the class path for a builder (the JAX-RS API's {@code FactoryFinder} over
 * {@code ServiceLoader}) before {@code SharedClientBuilder} hands out the shared client: 10 % of
 * the coordinator's CPU and 7 % of orders' in the benchmark. These call sites now ask
 * {@code SharedClientBuilder} directly; what they get is what the search found before.
 * Classes absent from an application (the coordinator's in a participant) are skipped by Quarkus.
 */
class ClientPoolProcessor {

    static final String FEATURE = "lra-saga-client-pool";

    /** Every Narayana LRA 1.0.0.Final class that calls {@code ClientBuilder.newClient()}. */
    static final List<String> NARAYANA_CALLERS = List.of(
            "io.narayana.lra.client.internal.NarayanaLRAClient",
            "io.narayana.lra.coordinator.domain.model.LRAParticipantRecord",
            "io.narayana.lra.coordinator.api.Coordinator");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    void shareNarayanaClients(BuildProducer<BytecodeTransformerBuildItem> transformers) {
        for (String caller : NARAYANA_CALLERS) {
            transformers.produce(new BytecodeTransformerBuildItem(caller,
                    (className, next) -> new NewClientRewriter(next)));
        }
    }
}
