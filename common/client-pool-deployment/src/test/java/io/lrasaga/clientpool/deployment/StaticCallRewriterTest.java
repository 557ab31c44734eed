package io.lrasaga.clientpool.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.client.Client;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The rewrites on Narayana's real classes (the jars the apps run): every per-call
 * {@code ClientBuilder.newClient()} becomes {@code SharedClientBuilder.newClient()}, every
 * {@code AnnotationResolver} question goes to {@code ResolvedLraAnnotations}, nothing else
 * changes, the rewritten classes verify, and the rewritten LRA client runs and talks through the
 * shared client.
 */
class StaticCallRewriterTest {

    private static final String LRA_CLIENT = "io.narayana.lra.client.internal.NarayanaLRAClient";

    private HttpServer coordinator;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCoordinator() throws IOException {
        coordinator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        coordinator.createContext("/lra-coordinator", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body = "Closing".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        coordinator.start();
    }

    @AfterEach
    void stopCoordinator() {
        coordinator.stop(0);
    }

    @Test
    void everyNarayanaCallerHasItsNewClientCallsRedirectedAndNothingElse() throws IOException {
        assertOnlyRedirected(ClientPoolProcessor.NARAYANA_CALLERS, StaticCallRewriter.SHARED_CLIENTS);
    }

    @Test
    void everyAnnotationResolverCallerAsksResolvedLraAnnotationsInsteadAndNothingElseChanges() throws IOException {
        assertOnlyRedirected(ClientPoolProcessor.ANNOTATION_RESOLVER_CALLERS,
                StaticCallRewriter.RESOLVED_LRA_ANNOTATIONS);
    }

    @Test
    void theRewrittenClassesVerify() throws ClassNotFoundException {
        for (String caller : ClientPoolProcessor.ANNOTATION_RESOLVER_CALLERS) {
            Class<?> rewritten = Class.forName(caller, true, new RewritingLoader(getClass().getClassLoader(), caller,
                    StaticCallRewriter.RESOLVED_LRA_ANNOTATIONS));
            assertEquals(caller, rewritten.getName());
        }
    }

    /** Each caller's calls of a replaced method all go to its new owner; every other static call stays. */
    private static void assertOnlyRedirected(List<String> callers,
            Map<StaticCallRewriter.StaticMethod, String> newOwners) throws IOException {
        for (String caller : callers) {
            byte[] original = bytes(caller);
            Map<String, Integer> before = staticCalls(original);
            Map<String, Integer> after = staticCalls(rewrite(original, newOwners));
            Map<String, Integer> othersBefore = new TreeMap<>(before);
            Map<String, Integer> othersAfter = new TreeMap<>(after);
            int replacedCalls = 0;
            for (Map.Entry<StaticCallRewriter.StaticMethod, String> replaced : newOwners.entrySet()) {
                String old = replaced.getKey().toString();
                String now = replaced.getKey().withOwner(replaced.getValue());
                int calls = before.getOrDefault(old, 0);
                replacedCalls += calls;
                assertEquals(0, after.getOrDefault(old, 0), caller + " still calls " + old);
                assertEquals(calls, after.getOrDefault(now, 0), caller + " calls of " + now);
                othersBefore.remove(old);
                othersAfter.remove(now);
            }
            assertTrue(replacedCalls > 0, caller + " no longer calls any of " + newOwners.keySet() + ": is the list stale?");
            assertEquals(othersBefore, othersAfter, caller + ": other static calls changed");
        }
    }

    @Test
    void theRewrittenLraClientGetsTheSharedClientAndAsksTheCoordinator() throws Exception {
        Class<?> rewritten = new RewritingLoader(getClass().getClassLoader(), LRA_CLIENT,
                StaticCallRewriter.SHARED_CLIENTS).loadClass(LRA_CLIENT);
        URI coordinatorUrl = URI.create("http://127.0.0.1:" + coordinator.getAddress().getPort() + "/lra-coordinator");
        Object lraClient = rewritten.getConstructor(URI.class).newInstance(coordinatorUrl);

        Method getClient = rewritten.getDeclaredMethod("getClient");
        getClient.setAccessible(true);
        try (Client client = (Client) getClient.invoke(lraClient)) {
            assertEquals("io.lrasaga.clientpool.SharedClient", client.getClass().getName());
        }

        URI lra = URI.create(coordinatorUrl + "/0_ffff7f000001_1");
        Object status = rewritten.getMethod("getStatus", URI.class).invoke(lraClient, lra);
        assertEquals(LRAStatus.Closing, status);
        assertEquals(List.of("GET /lra-coordinator/0_ffff7f000001_1/status"), requests);
    }

    private static byte[] rewrite(byte[] original, Map<StaticCallRewriter.StaticMethod, String> newOwners) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new StaticCallRewriter(writer, newOwners), 0);
        return writer.toByteArray();
    }

    private static byte[] bytes(String className) throws IOException {
        try (InputStream in = StaticCallRewriterTest.class.getClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Static calls of a class: "owner.name descriptor" → how many call sites. */
    private static Map<String, Integer> staticCalls(byte[] classBytes) {
        Map<String, Integer> calls = new TreeMap<>();
        new ClassReader(classBytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (opcode == Opcodes.INVOKESTATIC) {
                            calls.merge(owner + "." + method + " " + desc, 1, Integer::sum);
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }

    /** Defines one class from its rewritten bytes; everything else from the parent. */
    private static final class RewritingLoader extends ClassLoader {
        private final String rewrittenClass;
        private final Map<StaticCallRewriter.StaticMethod, String> newOwners;

        RewritingLoader(ClassLoader parent, String rewrittenClass, Map<StaticCallRewriter.StaticMethod, String> newOwners) {
            super(parent);
            this.rewrittenClass = rewrittenClass;
            this.newOwners = newOwners;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(rewrittenClass)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        byte[] rewritten = rewrite(bytes(name), newOwners);
                        loaded = defineClass(name, rewritten, 0, rewritten.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }
}
