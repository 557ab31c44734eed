package io.lrasaga.coordinator;

import io.lrasaga.coordinator.store.ObjectStoreLocation;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;

@QuarkusMain
public class CoordinatorMain {

    public static void main(String... args) {
        var dir = ObjectStoreLocation.apply();
        Logger.getLogger(CoordinatorMain.class).infof("LRA log in %s", dir);
        Quarkus.run(args);
    }
}
