package io.lrasaga.kubernetes;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration keys a {@code @ConfigMapping} interface declares, walked the way SmallRye
 * Config names them: kebab-case method names (or the mapping's naming strategy), {@code @WithName},
 * {@code @WithParentName}, nested groups, {@code Optional} groups. Map-valued properties contribute
 * only their unnamed entry ({@code @WithUnnamedKey}, e.g. the default datasource): a named entry
 * (a REST client called "inventory") is the app's own choice and must be declared in its
 * application.properties. The interfaces are loaded in the app's own class loader, so the
 * annotations are looked up by name.
 */
final class ConfigMappingKeys {

    /** A key and the mapping that declares it; {@code runTime} false for Quarkus build-time roots. */
    record Key(String name, String declaredBy, boolean runTime) {
    }

    private ConfigMappingKeys() {
    }

    static List<Key> of(Class<?> mapping) {
        Annotation configMapping = annotation(mapping, "io.smallrye.config.ConfigMapping")
                .orElseThrow(() -> new IllegalArgumentException(mapping + " is not a @ConfigMapping"));
        String prefix = (String) value(configMapping, "prefix");
        String strategy = enumName(value(configMapping, "namingStrategy"));
        boolean runTime = annotation(mapping, "io.quarkus.runtime.annotations.ConfigRoot")
                .map(root -> enumName(value(root, "phase")).equals("RUN_TIME"))
                .orElse(true);
        List<Key> keys = new ArrayList<>();
        walk(mapping, prefix, strategy, mapping.getName(), runTime, keys, new HashSet<>());
        return keys;
    }

    private static void walk(Class<?> group, String prefix, String strategy, String declaredBy, boolean runTime,
            List<Key> keys, Set<Class<?>> path) {
        if (!path.add(group)) {
            return;
        }
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers()) || method.isDefault()
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = annotation(method, "io.smallrye.config.WithParentName").isPresent() ? ""
                    : annotation(method, "io.smallrye.config.WithName").map(a -> (String) value(a, "value"))
                            .orElseGet(() -> named(method.getName(), strategy));
            String key = join(prefix, name);
            Type type = unwrapOptional(method.getGenericReturnType());
            Class<?> raw = raw(type);
            if (Map.class.isAssignableFrom(raw)) {
                if (annotation(method, "io.smallrye.config.WithUnnamedKey").isPresent()) {
                    Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
                    if (isGroup(raw(valueType))) {
                        walk(raw(valueType), key, strategy, declaredBy, runTime, keys, path);
                    } else {
                        keys.add(new Key(key, declaredBy, runTime));
                    }
                }
            } else if (isGroup(raw)) {
                walk(raw, key, strategy, declaredBy, runTime, keys, path);
            } else if (!key.isEmpty()) {
                keys.add(new Key(key, declaredBy, runTime));
            }
        }
        path.remove(group);
    }

    /** Interfaces outside java.* are config groups; everything else is a value (converted). */
    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    private static Type unwrapOptional(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            return parameterized.getActualTypeArguments()[0];
        }
        return type;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : name.isEmpty() ? prefix : prefix + "." + name;
    }

    /** SmallRye's naming: dataDir -> data-dir (KEBAB_CASE), data_dir (SNAKE_CASE), dataDir (VERBATIM). */
    static String named(String method, String strategy) {
        if (strategy.equals("VERBATIM")) {
            return method;
        }
        String separator = strategy.equals("SNAKE_CASE") ? "_" : "-";
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean afterLower = i > 0 && !Character.isUpperCase(method.charAt(i - 1));
                boolean beforeLower = i > 0 && i + 1 < method.length() && Character.isLowerCase(method.charAt(i + 1));
                if (afterLower || beforeLower) {
                    name.append(separator);
                }
                name.append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    static Optional<Annotation> annotation(java.lang.reflect.AnnotatedElement element, String type) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().equals(type)) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    // name(), not toString(): Quarkus' ConfigPhase overrides toString
    private static String enumName(Object value) {
        return value instanceof Enum<?> e ? e.name() : String.valueOf(value);
    }

    private static Object value(Annotation annotation, String attribute) {
        try {
            Method method = annotation.annotationType().getMethod(attribute);
            method.setAccessible(true);
            return method.invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("@" + annotation.annotationType().getSimpleName() + " has no " + attribute, e);
        }
    }
}
