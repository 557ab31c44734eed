package io.lrasaga.coordinator.security;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The admin API's two built-in users. There is no default password: a user without one
 * does not exist, and with neither, every request to /admin answers 401.
 * {@link AdminUsersConfigSourceFactory} turns these into users of Quarkus' embedded realm;
 * more users can be added there directly ({@code quarkus.security.users.embedded.users.*}).
 */
@ConfigMapping(prefix = "lra-saga.coordinator.admin")
public interface AdminConfig {

    /** Name of the user with role operator (who also has role viewer). */
    @WithDefault("operator")
    String operatorUser();

    /** Password of the operator user; env LRA_SAGA_COORDINATOR_ADMIN_OPERATOR_PASSWORD. */
    Optional<String> operatorPassword();

    /** Name of the user with role viewer. */
    @WithDefault("viewer")
    String viewerUser();

    /** Password of the viewer user; env LRA_SAGA_COORDINATOR_ADMIN_VIEWER_PASSWORD. */
    Optional<String> viewerPassword();

    /**
     * How long the admin API waits for failed participants to say why they failed (their status
     * URLs, asked all at once); a participant that has not answered by then is shown as
     * unreachable, so a participant that is down never holds an admin answer longer than this.
     */
    @WithDefault("2s")
    Duration reasonTimeout();
}
