package io.lrasaga.clientpool;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import org.apache.http.HttpResponse;
import org.apache.http.client.HttpClient;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.protocol.HttpContext;
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

    /**
     * RESTEasy 6.2's Apache engine's call, with a {@link PooledAnswer} in place of its
     * finalizable answer (later RESTEasy versions dropped the finalizer too).
     */
    @Override
    public Response invoke(Invocation invocation) {
        ClientInvocation request = (ClientInvocation) invocation;
        HttpRequestBase method = createHttpMethod(request.getUri().toString(), request.getMethod());
        HttpResponse answer;
        try {
            loadHttpMethod(request, method);
            HttpContext context = httpContextProvider != null ? httpContextProvider.getContext() : null;
            answer = httpClient.execute(method, context);
        } catch (Exception e) {
            throw new ProcessingException("Unable to invoke request: " + e, e);
        } finally {
            cleanUpAfterExecute(method);
        }
        PooledAnswer response = new PooledAnswer(request, answer, this::createBufferedStream);
        response.setProperties(request.getMutableProperties());
        response.setStatus(answer.getStatusLine().getStatusCode());
        response.setReasonPhrase(answer.getStatusLine().getReasonPhrase());
        response.setHeaders(extractHeaders(answer));
        response.setClientConfiguration(request.getClientConfiguration());
        keep(request, response);
        return response;
    }

    private void keep(ClientInvocation request, Response response) {
        if (request.getClient() instanceof OpenAnswers.Owner owner) {
            owner.answers().add(response);
        } else {
            answers.add(response);
        }
    }

    @Override
    public void close() {
        answers.closeAll();
        super.close();
    }
}
