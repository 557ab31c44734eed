package io.lrasaga.clientpool;

import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import org.apache.http.client.HttpClient;
import org.jboss.resteasy.client.jaxrs.engines.ApacheHttpClient43Engine;
import org.jboss.resteasy.client.jaxrs.internal.ClientInvocation;

/**
 * A client's engine on the shared pool, which does not own the pool: closing it closes the
 * answers its client left open ({@link OpenAnswers}) and leaves the connections to the next
 * client. A client that keeps its answers itself ({@link OpenAnswers.Owner}, the shared
 * client's handles) shares one such engine: RESTEasy's engine constructor reads its settings
 * from the configuration and registers a cleaner, which for Narayana's new client per call was
 * 5 % of the coordinator's CPU.
 */
final class ClientScopedEngine extends ApacheHttpClient43Engine {

    private final OpenAnswers answers = new OpenAnswers();

    ClientScopedEngine(HttpClient shared) {
        super(shared, false);
    }

    @Override
    public Response invoke(Invocation request) {
        Response response = super.invoke(request);
        if (request instanceof ClientInvocation invocation && invocation.getClient() instanceof OpenAnswers.Owner owner) {
            owner.answers().add(response);
        } else {
            answers.add(response);
        }
        return response;
    }

    @Override
    public void close() {
        answers.closeAll();
        super.close();
    }
}
