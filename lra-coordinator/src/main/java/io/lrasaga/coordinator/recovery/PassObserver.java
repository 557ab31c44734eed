package io.lrasaga.coordinator.recovery;

import org.jboss.logging.Logger;

import com.arjuna.ats.arjuna.recovery.RecoveryModule;

/**
 * Registered last with Narayana's recovery manager, so it runs after the LRA recovery module
 * in every periodic pass: the one place that learns a pass happened.
 */
final class PassObserver implements RecoveryModule {

    private static final Logger LOG = Logger.getLogger(PassObserver.class);

    private final Runnable afterPass;

    PassObserver(Runnable afterPass) {
        this.afterPass = afterPass;
    }

    @Override
    public void periodicWorkFirstPass() {
        // only the second pass does work in the LRA module
    }

    @Override
    public void periodicWorkSecondPass() {
        try {
            afterPass.run();
        } catch (RuntimeException e) {
            // never break Narayana's recovery thread
            LOG.warnf(e, "after a recovery pass");
        }
    }
}
