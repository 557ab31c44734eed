package io.lrasaga.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What one packaged app really reads: its HTTP port, and every configuration key it knows —
 * declared in its application.properties, or by a {@code @ConfigMapping} of any code packaged
 * with it (our runtime and coordinator, and Quarkus' run-time roots), or read by name by a
 * library (listed below, and checked to be in that library's code). Everything comes from the
 * app's module: its sources' application.properties and its packaged {@code target/quarkus-app}.
 * So renaming a property, a mapping method or a REST client's config key changes what is known,
 * and a manifest still using the old name fails the tests.
 */
final class AppConfig {

    /**
     * Keys read by libraries through MicroProfile Config by their literal name, not through a
     * mapping: key -> class that reads it (the test checks the class is packaged with the app
     * and holds the literal).
     */
    static final Map<String, String> LIBRARY_KEYS = Map.of(
            // Narayana's JAX-RS filter: prefix of the callback URLs of @Complete/@Compensate resources.
            "narayana.lra.base-uri", "io.narayana.lra.filter.ServerLRAFilter");

    private static final byte[] CONFIG_MAPPING = "Lio/smallrye/config/ConfigMapping;".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, AppConfig> CACHE = new ConcurrentHashMap<>();

    private final String app;
    private final Path module;
    private final Map<String, String> properties;
    private final Map<String, ConfigMappingKeys.Key> mappingKeys = new LinkedHashMap<>();
    private final List<Path> classpath;

    private AppConfig(String app) {
        this.app = app;
        this.module = Project.appModule(app);
        this.properties = activeProperties(module.resolve("src/main/resources/application.properties"));
        this.classpath = packagedClasspath(module.resolve("target/quarkus-app"));
        scanMappings();
    }

    static AppConfig of(String app) {
        return CACHE.computeIfAbsent(app, AppConfig::new);
    }

    String app() {
        return app;
    }

    Map<String, String> properties() {
        return properties;
    }

    Map<String, ConfigMappingKeys.Key> mappingKeys() {
        return mappingKeys;
    }

    int httpPort() {
        String port = properties.get("quarkus.http.port");
        if (port == null) {
            throw new AssertionError(module + "/src/main/resources/application.properties sets no quarkus.http.port");
        }
        return Integer.parseInt(port.trim());
    }

    /** {@code /q/health/live} unless the app moved the non-application root or the health root. */
    String healthPath(String check) {
        String root = properties.getOrDefault("quarkus.http.non-application-root-path", "q").replaceAll("^/|/$", "");
        String health = properties.getOrDefault("quarkus.smallrye-health.root-path", "health").replaceAll("^/|/$", "");
        return "/" + root + "/" + health + "/" + check;
    }

    boolean packages(String jarPrefix) {
        return classpath.stream().anyMatch(jar -> jar.getFileName().toString().startsWith(jarPrefix));
    }

    /**
     * The configuration key an environment variable sets, by SmallRye's mapping of env names
     * (every non-alphanumeric character to '_', upper case), with where it is declared; empty if
     * the app knows no such key.
     */
    Optional<String> keyOfEnv(String env) {
        Optional<ConfigMappingKeys.Key> mapped = mappingKeys.values().stream()
                .filter(key -> envName(key.name()).equals(env)).findFirst();
        if (mapped.isPresent() && !mapped.get().runTime()) {
            throw new AssertionError(env + " sets " + mapped.get().name() + ", fixed at build time by "
                    + mapped.get().declaredBy() + ": it has no effect on a packaged app");
        }
        for (String key : properties.keySet()) {
            if (envName(key).equals(env)) {
                return Optional.of(key + " (application.properties)");
            }
        }
        if (mapped.isPresent()) {
            return Optional.of(mapped.get().name() + " (" + mapped.get().declaredBy() + ")");
        }
        for (Map.Entry<String, String> library : LIBRARY_KEYS.entrySet()) {
            if (envName(library.getKey()).equals(env) && readsLiteral(library.getValue(), library.getKey())) {
                return Optional.of(library.getKey() + " (read by " + library.getValue() + ")");
            }
        }
        return Optional.empty();
    }

    /** Whether the same key is known by its dotted name (for keys written into properties files). */
    Optional<String> key(String key) {
        return keyOfEnv(envName(key));
    }

    static String envName(String key) {
        StringBuilder env = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            env.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return env.toString().toUpperCase(Locale.ROOT);
    }

    /** Whether {@code className}, packaged with the app, holds {@code literal} in its constants. */
    boolean readsLiteral(String className, String literal) {
        String entry = className.replace('.', '/') + ".class";
        for (Path jar : classpath) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry found = zip.getEntry(entry);
                if (found != null) {
                    try (InputStream in = zip.getInputStream(found)) {
                        return indexOf(in.readAllBytes(), literal.getBytes(StandardCharsets.UTF_8)) >= 0;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    private static Map<String, String> activeProperties(Path file) {
        Properties loaded = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            loaded.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> active = new LinkedHashMap<>();
        for (String name : loaded.stringPropertyNames()) {
            if (!name.startsWith("%")) {
                active.putIfAbsent(name, loaded.getProperty(name));
            } else if (name.startsWith("%prod.")) {
                active.put(name.substring("%prod.".length()), loaded.getProperty(name));
            }
        }
        return active;
    }

    private static List<Path> packagedClasspath(Path quarkusApp) {
        if (!Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"))) {
            throw new AssertionError(quarkusApp + " holds no packaged app: build the apps first "
                    + "(./mvnw -B package -DskipTests, or ./mvnw -B verify which builds them before these tests)");
        }
        List<Path> jars = new ArrayList<>();
        for (String dir : List.of("app", "lib/main")) {
            try (Stream<Path> files = Files.list(quarkusApp.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jars;
    }

    /** Finds @ConfigMapping interfaces in the app's own jar, our libraries and Quarkus' run-time jars. */
    private void scanMappings() {
        URL[] urls = classpath.stream().map(AppConfig::url).toArray(URL[]::new);
        // Kept open: annotation values are read lazily from the loaded classes.
        URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        for (Path jar : classpath) {
            String file = jar.getFileName().toString();
            boolean ours = jar.getParent().getFileName().toString().equals("app") || file.startsWith("io.lrasaga.");
            if (!ours && !file.startsWith("io.quarkus.")) {
                continue;
            }
            for (String className : mappingCandidates(jar)) {
                Class<?> type;
                try {
                    type = Class.forName(className, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    if (ours) {
                        throw new AssertionError("cannot load " + className + " of " + app, e);
                    }
                    continue; // a Quarkus class for an optional dependency this app lacks
                }
                if (!type.isInterface() || ConfigMappingKeys.annotation(type, "io.smallrye.config.ConfigMapping").isEmpty()) {
                    continue;
                }
                try {
                    for (ConfigMappingKeys.Key key : ConfigMappingKeys.of(type)) {
                        mappingKeys.putIfAbsent(key.name(), key);
                    }
                } catch (LinkageError e) {
                    if (ours) {
                        throw new AssertionError("cannot read the mapping " + className + " of " + app, e);
                    }
                }
            }
        }
    }

    private static List<String> mappingCandidates(Path jar) {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    if (indexOf(in.readAllBytes(), CONFIG_MAPPING) >= 0) {
                        names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        return names;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer: for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
