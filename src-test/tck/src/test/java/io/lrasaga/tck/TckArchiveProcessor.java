package io.lrasaga.tck;

import org.eclipse.microprofile.lra.tck.TckTestBase;
import org.eclipse.microprofile.lra.tck.participant.api.NonParticipatingTckResource;
import org.eclipse.microprofile.lra.tck.participant.api.ResourceParent;
import org.eclipse.microprofile.lra.tck.service.spi.LRARecoveryService;
import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Adds to every TCK web archive what the Quarkus application built from it needs: our
 * {@link LRARecoveryService} (found by the TCK through the service loader), the TCK base class
 * and the resources some tests call without deploying them, and the LRA API's top-level package.
 */
public class TckArchiveProcessor implements ApplicationArchiveProcessor {

    @Override
    public void process(Archive<?> archive, TestClass testClass) {
        if (archive instanceof WebArchive war) {
            war.addAsServiceProvider(LRARecoveryService.class, LraSagaRecoveryService.class);
            war.addClasses(LraSagaRecoveryService.class, TckTestBase.class, NonParticipatingTckResource.class,
                    ResourceParent.class);
            war.addPackages(false, "org.eclipse.microprofile.lra");
        }
    }
}
