package io.lrasaga.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The key knowledge the manifest checks rely on tells known keys from renamed or invented ones. */
class AppConfigTest {

    @Test
    void keysComeFromApplicationPropertiesMappingsAndQuarkus() {
        AppConfig orders = AppConfig.of("orders");
        assertEquals(8081, orders.httpPort());
        // application.properties: the REST client named "inventory" (its configKey)
        assertTrue(orders.keyOfEnv("QUARKUS_REST_CLIENT_INVENTORY_URL").isPresent());
        // our runtime's @ConfigMapping (common/core ParticipantConfig)
        assertTrue(orders.keyOfEnv("LRA_SAGA_PARTICIPANT_TRUSTED_COORDINATORS").orElseThrow().contains("ParticipantConfig"));
        // Quarkus run-time roots: the default datasource's password, additional config locations
        assertTrue(orders.keyOfEnv("QUARKUS_DATASOURCE_PASSWORD").isPresent());
        assertTrue(orders.keyOfEnv("QUARKUS_CONFIG_LOCATIONS").isPresent());
        // a library key, checked to be read by the packaged Narayana filter
        assertTrue(orders.keyOfEnv("NARAYANA_LRA_BASE_URI").isPresent());
    }

    @Test
    void renamedOrInventedKeysAreUnknown() {
        AppConfig orders = AppConfig.of("orders");
        // a REST client that orders does not declare: named map entries must come from the app
        assertFalse(orders.keyOfEnv("QUARKUS_REST_CLIENT_STOCK_URL").isPresent());
        assertFalse(orders.keyOfEnv("LRA_SAGA_PARTICIPANT_TRUSTED_COORDINATOR").isPresent());
        assertFalse(orders.keyOfEnv("QUARKUS_DATASOURCE_PASSWD").isPresent());
        // activity has no datasource and orders no MongoDB client
        assertFalse(AppConfig.of("activity").keyOfEnv("QUARKUS_DATASOURCE_JDBC_URL").isPresent());
        assertFalse(orders.keyOfEnv("QUARKUS_MONGODB_CONNECTION_STRING").isPresent());
        // the coordinator's keys are not the services'
        assertFalse(orders.keyOfEnv("LRA_SAGA_COORDINATOR_NODE_ID").isPresent());
        assertFalse(orders.readsLiteral("io.narayana.lra.filter.ServerLRAFilter", "narayana.lra.no-such-key"));
    }

    @Test
    void coordinatorKeysComeFromItsMappings() {
        AppConfig coordinator = AppConfig.of("lra-coordinator");
        assertEquals(8080, coordinator.httpPort());
        for (String env : new String[] { "LRA_SAGA_COORDINATOR_NODE_ID", "LRA_SAGA_COORDINATOR_DATA_DIR",
                "LRA_SAGA_COORDINATOR_RECOVERY_PERIOD", "LRA_SAGA_COORDINATOR_HISTORY_RETENTION",
                "LRA_SAGA_COORDINATOR_ADMIN_OPERATOR_PASSWORD", "LRA_SAGA_COORDINATOR_ADMIN_VIEWER_PASSWORD" }) {
            assertTrue(coordinator.keyOfEnv(env).isPresent(), env);
        }
    }

    @Test
    void buildTimeKeysAreRefused() {
        // quarkus.datasource.db-kind is fixed when the app is built: setting it on a pod does nothing
        AssertionError refused = assertThrows(AssertionError.class,
                () -> AppConfig.of("inventory").keyOfEnv("QUARKUS_DATASOURCE_DB_KIND"));
        assertTrue(refused.getMessage().contains("build time"), refused.getMessage());
    }

    @Test
    void kebabCaseAsSmallRye() {
        assertEquals("data-dir", ConfigMappingKeys.named("dataDir", "KEBAB_CASE"));
        assertEquals("coordinator-timeout-millis", ConfigMappingKeys.named("coordinatorTimeoutMillis", "KEBAB_CASE"));
        assertEquals("base-uri", ConfigMappingKeys.named("baseURI", "KEBAB_CASE"));
        assertEquals("data_dir", ConfigMappingKeys.named("dataDir", "SNAKE_CASE"));
    }
}
