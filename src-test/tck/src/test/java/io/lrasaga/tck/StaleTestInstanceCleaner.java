package io.lrasaga.tck;

import java.lang.reflect.Field;
import java.util.logging.Logger;

import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.test.spi.event.suite.AfterClass;

import io.quarkus.arquillian.QuarkusDeployableContainer;

/**
 * Works around quarkus-arquillian 3.23.0 keeping the last test instance in a static field of
 * {@link QuarkusDeployableContainer} after its application was undeployed (later Quarkus versions
 * clear it in {@code undeploy}). In one JVM, the next test class whose deployments are not managed
 * ({@code TckInvalidSignaturesTests}: it deploys in the test method) would get its JUnit
 * {@code @Before} methods run on that stale instance, inside the stopped application's class
 * loader, and fail with "LraSagaRecoveryService not a subtype". Quarkus' own TCK run avoids it
 * with a new JVM per class ({@code reuseForks=false}); we keep one JVM and clear the field after
 * every class, once the container has undeployed.
 */
public class StaleTestInstanceCleaner {

    private static final Logger LOG = Logger.getLogger(StaleTestInstanceCleaner.class.getName());
    private static final int LAST = -1000; // after the container's own AfterClass observers undeployed

    public void afterClass(@Observes(precedence = LAST) AfterClass event) {
        try {
            Field testInstance = QuarkusDeployableContainer.class.getDeclaredField("testInstance");
            testInstance.setAccessible(true);
            testInstance.set(null, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("cannot clear QuarkusDeployableContainer.testInstance (quarkus-arquillian changed?): " + e);
        }
    }
}
