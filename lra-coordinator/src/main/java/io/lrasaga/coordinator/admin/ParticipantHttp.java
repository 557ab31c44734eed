package io.lrasaga.coordinator.admin;

import java.net.http.HttpClient;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one HTTP client of the admin API's own calls to participants (an operator's retry, the
 * failure reasons): its connections are kept alive and reused, never one client per call.
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
