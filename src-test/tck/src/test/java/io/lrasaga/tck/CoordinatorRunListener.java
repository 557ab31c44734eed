package io.lrasaga.tck;

import org.junit.runner.Description;
import org.junit.runner.Result;
import org.junit.runner.notification.RunListener;

/**
 * Surefire's JUnit 4 run listener (configured in the pom): one coordinator for the whole TCK run,
 * started before the first test class, stopped after the last whatever the outcome.
 */
public class CoordinatorRunListener extends RunListener {

    @Override
    public void testRunStarted(Description description) {
        TckCoordinator.start(this);
    }

    @Override
    public void testRunFinished(Result result) {
        TckCoordinator.stop(this);
    }
}
