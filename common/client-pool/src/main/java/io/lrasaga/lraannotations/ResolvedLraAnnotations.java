package io.lrasaga.lraannotations;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.narayana.lra.AnnotationResolver;

/**
 * Narayana's {@code AnnotationResolver}, asked once per method and annotation type. Narayana's
 * participant filter asks, on every request, which LRA annotations the resource method carries
 * (up to eight questions per request); each answer walks the method's superclasses and
 * interfaces by reflection and creates a {@code NoSuchMethodException} for each class that does
 * not declare it: 2–3 % of a participant's CPU in the benchmark. A method's annotations never
 * change while its class is loaded, so the first answer is kept — with the method's declaring
 * class ({@link ClassValue}), so a class that is unloaded (dev-mode reload) takes its answers
 * with it. Narayana's filter calls these methods instead (rewritten at build time by the
 * lra-saga-client-pool extension).
 */
public final class ResolvedLraAnnotations {

    private static final ClassValue<Map<Method, Map<Class<? extends Annotation>, Optional<Annotation>>>> BY_CLASS =
            new ClassValue<>() {
                @Override
                protected Map<Method, Map<Class<? extends Annotation>, Optional<Annotation>>> computeValue(Class<?> type) {
                    return new ConcurrentHashMap<>();
                }
            };

    private ResolvedLraAnnotations() {
    }

    /** As {@code AnnotationResolver.resolveAnnotation}: the annotation on the method, its overridden ones, or null. */
    public static <T extends Annotation> T resolveAnnotation(Class<T> annotationType, Method method) {
        if (method == null || annotationType == null) {
            // Whatever Narayana does with it (it throws), unchanged.
            return AnnotationResolver.resolveAnnotation(annotationType, method);
        }
        Optional<Annotation> resolved = BY_CLASS.get(method.getDeclaringClass())
                .computeIfAbsent(method, unknown -> new ConcurrentHashMap<>())
                .computeIfAbsent(annotationType,
                        type -> Optional.ofNullable(AnnotationResolver.resolveAnnotation(annotationType, method)));
        return annotationType.cast(resolved.orElse(null));
    }

    /** As {@code AnnotationResolver.isAnnotationPresent}. */
    public static boolean isAnnotationPresent(Class<? extends Annotation> annotationType, Method method) {
        return resolveAnnotation(annotationType, method) != null;
    }
}
