package io.lrasaga.coordinator;

import io.lrasaga.coordinator.recovery.RecoveryConfig;
import io.lrasaga.coordinator.recovery.RecoveryPeriod;
import io.lrasaga.coordinator.store.CoordinatorStoreConfig;
import io.lrasaga.coordinator.store.EarlyConfig;
import io.lrasaga.coordinator.store.ObjectStoreLocation;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.SmallRyeConfig;
import org.jboss.logging.Logger;

@QuarkusMain
public class CoordinatorMain {

    public static void main(String... args) {
        SmallRyeConfig config = EarlyConfig.read();
        String store = ObjectStoreLocation.apply(config.getConfigMapping(CoordinatorStoreConfig.class));
        RecoveryConfig recovery = config.getConfigMapping(RecoveryConfig.class);
        RecoveryPeriod.apply(recovery);
        Logger.getLogger(CoordinatorMain.class).infof("LRA log in %s, recovery every %s", store,
                recovery.recoveryPeriod());
        Quarkus.run(args);
    }
}
