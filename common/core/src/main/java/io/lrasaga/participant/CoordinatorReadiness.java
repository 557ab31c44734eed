package io.lrasaga.participant;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while no trusted coordinator accepts connections: every saga step would fail to
 * join, so traffic is better sent to an instance that can reach one.
 */
@Readiness
@ApplicationScoped
public class CoordinatorReadiness implements HealthCheck {

    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    @Inject
    TrustedCoordinators coordinators;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("lra-coordinator");
        boolean reachable = false;
        for (URI coordinator : coordinators.trusted()) {
            int port = coordinator.getPort() != -1 ? coordinator.getPort()
                    : coordinator.getScheme().equals("https") ? 443 : 80;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(coordinator.getHost(), port), CONNECT_TIMEOUT_MILLIS);
                reachable = true;
                response.withData(coordinator.toString(), "reachable");
            } catch (IOException e) {
                response.withData(coordinator.toString(), "unreachable: " + e.getMessage());
            }
        }
        return response.status(reachable).build();
    }
}
