package io.lrasaga.e2e;

/** {@link CoordinatorCrashScenarios} with the coordinator's file store. */
class CoordinatorCrashFileStoreIT extends CoordinatorCrashScenarios {

    @Override
    String store() {
        return "file";
    }
}
