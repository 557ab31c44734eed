package io.lrasaga.e2e;

/** {@link CoordinatorCrashScenarios} with the coordinator's journal store. */
class CoordinatorCrashJournalStoreIT extends CoordinatorCrashScenarios {

    @Override
    String store() {
        return "journal";
    }
}
