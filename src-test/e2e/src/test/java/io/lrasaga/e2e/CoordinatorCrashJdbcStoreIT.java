package io.lrasaga.e2e;

/** {@link CoordinatorCrashScenarios} with the coordinator's JDBC store on PostgreSQL. */
class CoordinatorCrashJdbcStoreIT extends CoordinatorCrashScenarios {

    @Override
    String store() {
        return "jdbc";
    }
}
