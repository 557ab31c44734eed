package io.lrasaga.coordinator.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Says at start, loudly, when nobody can use the admin API and how to change that. */
@ApplicationScoped
public class AdminUsersWarning {

    private static final Logger LOG = Logger.getLogger(AdminUsersWarning.class);
    private static final String USERS = "quarkus.security.users.embedded.users.";

    // Injected so that its keys count as known (Quarkus refuses unknown keys under a mapped prefix).
    @Inject
    AdminConfig admin;

    void check(@Observes StartupEvent start, Config config) {
        boolean anyUser = false;
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(USERS) && config.getOptionalValue(name, String.class).isPresent()) {
                anyUser = true;
                break;
            }
        }
        if (anyUser) {
            LOG.infof("admin users: %s%s", admin.operatorPassword().isPresent() ? admin.operatorUser() + " (operator) " : "",
                    admin.viewerPassword().isPresent() ? admin.viewerUser() + " (viewer)" : "");
        } else {
            LOG.warn("No admin user is configured: every request to /admin answers 401. Set "
                    + "LRA_SAGA_COORDINATOR_ADMIN_OPERATOR_PASSWORD (user 'operator', roles operator and viewer) "
                    + "and/or LRA_SAGA_COORDINATOR_ADMIN_VIEWER_PASSWORD (user 'viewer', role viewer); see "
                    + "docs/coordinator.md.");
        }
    }
}
