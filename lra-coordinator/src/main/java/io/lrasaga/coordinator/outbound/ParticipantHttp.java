package io.lrasaga.coordinator.outbound;

import java.net.http.HttpClient;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one HTTP client of the coordinator's own calls to services (an operator's retry, the
 * failure reasons, the steps of POST /transactions): its connections are kept alive and
 * reused, never one client per call.
 */
@ApplicationScoped
public class ParticipantHttp {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    public HttpClient client() {
        return client;
    }
}
