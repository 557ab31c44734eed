package io.lrasaga.clientpool.deployment;

import java.util.List;
import java.util.Map;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.BytecodeTransformerBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * Per-call work in Narayana's LRA code, removed at its call sites. Classes absent from an
 * application (the coordinator's in a participant) are skipped by Quarkus.
 * <ul>
 * <li>Narayana's LRA client (every start, join, close of an initiator or participant filter)
 * and its coordinator (every participant callback) call {@code ClientBuilder.newClient()} each
 * time. That call searches the class path for a builder (the JAX-RS API's {@code FactoryFinder}
 * over {@code ServiceLoader}) before {@code SharedClientBuilder} hands out the shared client: 10 %
 * of the coordinator's CPU and 7 % of orders' in the benchmark. These call sites now ask
 * {@code SharedClientBuilder} directly; what they get is what the search found before.</li>
 * <li>Narayana's participant filter resolves the resource method's LRA annotations on every
 * request by reflection over its class hierarchy; {@code ResolvedLraAnnotations} answers each
 * question once per method.</li>
 * </ul>
 */
class ClientPoolProcessor {

    static final String FEATURE = "lra-saga-client-pool";

    /** Every Narayana LRA 1.0.0.Final class that calls {@code ClientBuilder.newClient()}. */
    static final List<String> NARAYANA_CALLERS = List.of(
            "io.narayana.lra.client.internal.NarayanaLRAClient",
            "io.narayana.lra.coordinator.domain.model.LRAParticipantRecord",
            "io.narayana.lra.coordinator.api.Coordinator");

    /** Every Narayana LRA 1.0.0.Final class that asks {@code AnnotationResolver}. */
    static final List<String> ANNOTATION_RESOLVER_CALLERS = List.of(
            "io.narayana.lra.filter.ServerLRAFilter",
            "io.narayana.lra.client.internal.proxy.nonjaxrs.LRAParticipant");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    void shareNarayanaClients(BuildProducer<BytecodeTransformerBuildItem> transformers) {
        rewrite(transformers, NARAYANA_CALLERS, StaticCallRewriter.SHARED_CLIENTS);
    }

    @BuildStep
    void resolveNarayanaAnnotationsOnce(BuildProducer<BytecodeTransformerBuildItem> transformers) {
        rewrite(transformers, ANNOTATION_RESOLVER_CALLERS, StaticCallRewriter.RESOLVED_LRA_ANNOTATIONS);
    }

    private static void rewrite(BuildProducer<BytecodeTransformerBuildItem> transformers, List<String> callers,
            Map<StaticCallRewriter.StaticMethod, String> newOwners) {
        for (String caller : callers) {
            transformers.produce(new BytecodeTransformerBuildItem(caller,
                    (className, next) -> new StaticCallRewriter(next, newOwners)));
        }
    }
}
