package io.lrasaga.clientpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.InvocationCallback;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.client.jaxrs.ResteasyClientBuilder;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.jboss.resteasy.client.jaxrs.internal.LocalResteasyProviderFactory;
import org.jboss.resteasy.core.ResteasyContext;
import org.jboss.resteasy.spi.ResteasyProviderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ClientBuilder.newClient()} as Narayana calls it (new client, one call, close) hands
 * out handles on one client; any configuration, before or after building, gets a client of
 * its own, so a caller's settings never reach another caller.
 */
class SharedClientBuilderTest {

    private HttpServer server;
    private final List<String> marks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/callback", exchange -> {
            marks.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Mark")));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "Completed".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", callback().toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI callback() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
    }

    private String put(Client client) throws Exception {
        // as Narayana's LRAParticipantRecord does: async PUT, wait with a timeout
        try (Response response = client.target(callback()).request().async().put(Entity.text(""))
                .get(10, TimeUnit.SECONDS)) {
            return response.getStatus() + " " + response.readEntity(String.class);
        }
    }

    @Test
    void clientsBuiltAsCreatedAreHandlesOnOneClient() throws Exception {
        Client first = new SharedClientBuilder().build();
        Client second = new SharedClientBuilder().build();

        assertInstanceOf(SharedClient.class, first);
        assertSame(((SharedClient) first).asyncInvocationExecutor(), ((SharedClient) second).asyncInvocationExecutor());
        assertSame(first.getConfiguration(), second.getConfiguration());
        assertSame(pooled(first), pooled(second), "one connection pool");
        assertEquals("200 Completed", put(first));
        first.close();

        // closing one handle leaves the shared client working for every other
        assertTrue(((SharedClient) first).isClosed());
        assertThrows(IllegalStateException.class, () -> first.target(callback()));
        assertEquals("200 Completed", put(second));
        assertEquals("200 Completed", put(new SharedClientBuilder().build()));
        second.close();
    }

    @Test
    void aHandleWhoseEngineFollowsRedirectsLeavesTheOtherHandlesAsTheyAre() {
        SharedClient following = (SharedClient) new SharedClientBuilder().build();
        SharedClient plain = (SharedClient) new SharedClientBuilder().build();
        following.httpEngine().setFollowRedirects(true);
        URI moved = callback().resolve("/moved");

        try (Response followed = following.target(moved).request().get();
                Response notFollowed = plain.target(moved).request().get()) {
            assertEquals(200, followed.getStatus());
            assertEquals(302, notFollowed.getStatus());
        }
        assertSame(pooled(following), pooled(plain), "one connection pool");
        following.close();
        plain.close();
    }

    @Test
    void aHandleConfiguredAfterBuildingGetsAClientOfItsOwn() throws Exception {
        Client marked = new SharedClientBuilder().build();
        marked.register((ClientRequestFilter) request -> request.getHeaders().putSingle("X-Mark", "mine"));
        Client plain = new SharedClientBuilder().build();

        put(marked);
        put(plain);
        marked.close();
        put(plain);

        assertEquals(List.of("mine", "null", "null"), marks);
        assertFalse(((SharedClient) plain).isClosed());
        plain.close();
    }

    @Test
    void asyncCallsRunWithTheCallersRestEasyContextAndLeaveNoneBehind() throws Exception {
        // as Narayana's coordinator sends a callback from inside the close request
        Client client = new SharedClientBuilder().build();
        ResteasyContext.pushContext(CallerMark.class, new CallerMark("close request"));
        CompletableFuture<String> during = new CompletableFuture<>();
        try {
            client.target(callback()).request().async().put(Entity.text(""), seen(during)).get(10, TimeUnit.SECONDS);
        } finally {
            ResteasyContext.removeContextDataLevel();
        }
        assertEquals("close request on lra-saga-client-async", during.get(10, TimeUnit.SECONDS));

        // the pool's threads are reused: a later call from a thread without that context sees none
        for (int i = 0; i < 3; i++) {
            CompletableFuture<String> after = new CompletableFuture<>();
            client.target(callback()).request().async().put(Entity.text(""), seen(after)).get(10, TimeUnit.SECONDS);
            assertEquals("null on lra-saga-client-async", after.get(10, TimeUnit.SECONDS));
        }
        client.close();
    }

    record CallerMark(String name) {
    }

    private static InvocationCallback<Response> seen(CompletableFuture<String> seen) {
        return new InvocationCallback<>() {
            @Override
            public void completed(Response response) {
                response.close();
                CallerMark mark = ResteasyContext.getContextData(CallerMark.class);
                seen.complete((mark == null ? "null" : mark.name()) + " on "
                        + Thread.currentThread().getName().replaceAll("-\\d+$", ""));
            }

            @Override
            public void failed(Throwable failure) {
                seen.completeExceptionally(failure);
            }
        };
    }

    @Test
    void theSharedClientCarriesTheApplicationsGlobalProviders() {
        // Narayana's callbacks must pass the application's client filters (tracing, signing):
        // the shared client is built from the global provider factory like any new client.
        assertEquals(new ResteasyClientBuilderImpl().build().getConfiguration().getClasses(),
                new SharedClientBuilder().build().getConfiguration().getClasses());
    }

    @Test
    void answersLeftUnreadAreReleasedWhenTheirHandleCloses() throws Exception {
        // two connections per host: without the release the third call would wait for ever
        SharedConnectionPool previous = SharedConnectionPool.replace(new SharedConnectionPool(new PoolSettings(true,
                true, 2, 2, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(1))));
        try {
            for (int i = 0; i < 10; i++) {
                Client client = new SharedClientBuilder().build();
                assertInstanceOf(SharedClient.class, client);
                // as Narayana's LRA client does: the status only, the answer left open
                Response response = client.target(callback()).request().async().put(Entity.text(""))
                        .get(5, TimeUnit.SECONDS);
                assertEquals(200, response.getStatus());
                client.close();
            }
        } finally {
            SharedConnectionPool.replace(previous);
        }
        assertEquals(10, marks.size());
    }

    private static Object pooled(Client client) {
        return ((SharedClient) client).pooledHttpClient();
    }

    static Stream<Arguments> configurations() throws Exception {
        KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
        keys.load(null, null);
        Map<String, Consumer<ResteasyClientBuilder>> all = new java.util.LinkedHashMap<>();
        all.put("register(class)", b -> b.register(MarkFilter.class));
        all.put("register(instance)", b -> b.register(new MarkFilter()));
        all.put("register(class, priority)", b -> b.register(MarkFilter.class, 10));
        all.put("register(instance, contracts)", b -> b.register(new MarkFilter(), ClientRequestFilter.class));
        all.put("property", b -> b.property("resteasy.some.setting", "x"));
        all.put("withConfig", b -> b.withConfig(new ResteasyClientBuilderImpl().property("p", "v").getConfiguration()));
        all.put("readTimeout", b -> b.readTimeout(3, TimeUnit.SECONDS));
        all.put("connectTimeout", b -> b.connectTimeout(3, TimeUnit.SECONDS));
        all.put("sslContext", b -> b.sslContext(defaultSsl()));
        all.put("trustStore", b -> b.trustStore(keys));
        all.put("keyStore", b -> b.keyStore(keys, "secret"));
        all.put("hostnameVerifier", b -> b.hostnameVerifier((host, session) -> true));
        all.put("hostnameVerification", b -> b.hostnameVerification(ResteasyClientBuilder.HostnameVerificationPolicy.ANY));
        all.put("disableTrustManager", ResteasyClientBuilder::disableTrustManager);
        all.put("executorService", b -> b.executorService(Executors.newSingleThreadExecutor()));
        all.put("scheduledExecutorService", b -> b.scheduledExecutorService(Executors.newSingleThreadScheduledExecutor()));
        all.put("defaultProxy", b -> b.defaultProxy("proxy.example", 3128));
        all.put("enableCookieManagement", ResteasyClientBuilder::enableCookieManagement);
        all.put("setFollowRedirects", b -> b.setFollowRedirects(true));
        all.put("disableAutomaticRetries", ResteasyClientBuilder::disableAutomaticRetries);
        all.put("connectionPoolSize", b -> b.connectionPoolSize(3));
        all.put("maxPooledPerRoute", b -> b.maxPooledPerRoute(3));
        all.put("connectionTTL", b -> b.connectionTTL(3, TimeUnit.SECONDS));
        all.put("connectionCheckoutTimeout", b -> b.connectionCheckoutTimeout(3, TimeUnit.SECONDS));
        all.put("responseBufferSize", b -> b.responseBufferSize(1024));
        all.put("sniHostNames", b -> b.sniHostNames("example.org"));
        all.put("useAsyncHttpEngine", ResteasyClientBuilder::useAsyncHttpEngine);
        all.put("providerFactory", b -> b.providerFactory(new LocalResteasyProviderFactory(ResteasyProviderFactory.getInstance())));
        return all.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void aConfiguredBuilderBuildsAClientOfItsOwn(String setting, Consumer<ResteasyClientBuilder> configure) {
        SharedClientBuilder builder = new SharedClientBuilder();
        assertTrue(builder.unconfigured());

        configure.accept(builder);

        assertFalse(builder.unconfigured(), setting + " must count as configuration");
        Client client = builder.build();
        try {
            assertFalse(client instanceof SharedClient, setting);
        } finally {
            client.close();
        }
    }

    @Test
    void aConfiguredBuilderConfiguresTheClientItBuilds() throws Exception {
        ResteasyClientBuilder builder = new SharedClientBuilder();
        Client client = builder.register((ClientRequestFilter) request -> request.getHeaders().putSingle("X-Mark", "built"))
                .property("lra-saga.test", "set").readTimeout(5, TimeUnit.SECONDS).build();
        try {
            assertEquals("set", client.getConfiguration().getProperty("lra-saga.test"));
            assertEquals(5000, builder.getReadTimeout(TimeUnit.MILLISECONDS));
            assertEquals("200 Completed", put(client));
            assertEquals(List.of("built"), marks);
        } finally {
            client.close();
        }
    }

    @Test
    void sharingCanBeTurnedOff() {
        SharedConnectionPool previous = SharedConnectionPool.replace(new SharedConnectionPool(new PoolSettings(true,
                false, 256, 64, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(1))));
        try {
            Client client = new SharedClientBuilder().build();
            assertFalse(client instanceof SharedClient);
            client.close();
        } finally {
            SharedConnectionPool.replace(previous);
        }
    }

    private static SSLContext defaultSsl() {
        try {
            return SSLContext.getDefault();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static class MarkFilter implements ClientRequestFilter {
        @Override
        public void filter(jakarta.ws.rs.client.ClientRequestContext request) {
            request.getHeaders().putSingle("X-Mark", "filter");
        }
    }
}
