package io.lrasaga.lraannotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;

import io.narayana.lra.AnnotationResolver;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.junit.jupiter.api.Test;

/** The kept answers are Narayana's answers, wherever in the hierarchy the annotation sits. */
class ResolvedLraAnnotationsTest {

    interface Steps {
        @Compensate
        void undo();
    }

    static class Base {
        @LRA(LRA.Type.MANDATORY)
        public void step() {
        }

        @Complete
        public void done() {
        }
    }

    static class Resource extends Base implements Steps {
        @Override
        public void step() {
        }

        @Override
        public void undo() {
        }

        @LRA(LRA.Type.REQUIRES_NEW)
        public void start() {
        }

        public void plain() {
        }
    }

    @Test
    void answersAsNarayanaDoesOnTheMethodItsSuperclassesAndInterfaces() throws NoSuchMethodException {
        for (String name : List.of("step", "undo", "start", "plain", "done")) {
            Method method = Resource.class.getMethod(name);
            for (Class<? extends java.lang.annotation.Annotation> type : List.of(LRA.class, Complete.class,
                    Compensate.class)) {
                // twice: the second answer comes from what the first kept
                for (int i = 0; i < 2; i++) {
                    assertEquals(AnnotationResolver.resolveAnnotation(type, method),
                            ResolvedLraAnnotations.resolveAnnotation(type, method), name + " " + type.getSimpleName());
                    assertEquals(AnnotationResolver.isAnnotationPresent(type, method),
                            ResolvedLraAnnotations.isAnnotationPresent(type, method), name + " " + type.getSimpleName());
                }
            }
        }
        assertEquals(LRA.Type.MANDATORY,
                ResolvedLraAnnotations.resolveAnnotation(LRA.class, Resource.class.getMethod("step")).value());
        assertTrue(ResolvedLraAnnotations.isAnnotationPresent(Compensate.class, Resource.class.getMethod("undo")));
        assertFalse(ResolvedLraAnnotations.isAnnotationPresent(LRA.class, Resource.class.getMethod("plain")));
        assertNull(ResolvedLraAnnotations.resolveAnnotation(Complete.class, Resource.class.getMethod("plain")));
    }

    @Test
    void anotherCopyOfTheSameMethodGetsTheKeptAnswer() throws NoSuchMethodException {
        // Reflection hands out a new Method object per call; RESTEasy keeps its own.
        LRA first = ResolvedLraAnnotations.resolveAnnotation(LRA.class, Resource.class.getMethod("start"));
        assertSame(first, ResolvedLraAnnotations.resolveAnnotation(LRA.class, Resource.class.getMethod("start")));
    }
}
