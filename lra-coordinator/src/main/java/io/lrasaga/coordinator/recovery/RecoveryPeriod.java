package io.lrasaga.coordinator.recovery;

import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;

/**
 * Sets Narayana's periodic recovery timing. Must run before the recovery manager starts,
 * that is before Quarkus starts.
 */
public final class RecoveryPeriod {

    private RecoveryPeriod() {
    }

    public static void apply(RecoveryConfig config) {
        long seconds = config.recoveryPeriod().toSeconds();
        if (seconds < 1) {
            throw new IllegalArgumentException("lra-saga.coordinator.recovery-period must be at least 1s, was "
                    + config.recoveryPeriod());
        }
        RecoveryEnvironmentBean recovery = BeanPopulator.getDefaultInstance(RecoveryEnvironmentBean.class);
        recovery.setPeriodicRecoveryPeriod((int) Math.min(Integer.MAX_VALUE, seconds));
        // The LRA module's first pass does nothing, so the default 10 s pause between the
        // two passes only delays every pass (and every on-demand scan through /recovery).
        recovery.setRecoveryBackoffPeriod(1);
    }
}
