package io.lrasaga.tck;

import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.test.spi.event.suite.AfterSuite;
import org.jboss.arquillian.test.spi.event.suite.BeforeSuite;

/**
 * Makes sure a coordinator runs before Arquillian deploys anything. Arquillian's JUnit 4 runner
 * fires BeforeSuite/AfterSuite around every test class, so under Maven the run listener's
 * coordinator (started first) is reused and this observer neither starts nor stops it; without
 * the listener (one class from an IDE) it starts one and stops it after the class.
 */
public class CoordinatorObserver {

    private static final int EARLY = 100; // before Quarkus' own observers deploy the application

    public void beforeSuite(@Observes(precedence = EARLY) BeforeSuite event) {
        TckCoordinator.start(this);
    }

    public void afterSuite(@Observes(precedence = -EARLY) AfterSuite event) {
        TckCoordinator.stop(this);
    }
}
