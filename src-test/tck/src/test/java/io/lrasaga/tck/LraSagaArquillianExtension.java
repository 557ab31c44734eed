package io.lrasaga.tck;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registered in META-INF/services: the coordinator's lifecycle and what each TCK deployment needs. */
public class LraSagaArquillianExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(CoordinatorObserver.class);
        builder.observer(StaleTestInstanceCleaner.class);
        builder.service(ApplicationArchiveProcessor.class, TckArchiveProcessor.class);
    }
}
