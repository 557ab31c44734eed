package io.lrasaga.clientpool.deployment;

import java.util.Map;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Turns static calls of a class into calls of the same name and descriptor on another owner:
 * the call site, the stack and the frames stay as they are; only the owner changes. Each
 * replacement has exactly the signature and the result of the call it replaces.
 */
final class StaticCallRewriter extends ClassVisitor {

    /** A static method: its owner's internal name, its name and its descriptor. */
    record StaticMethod(String owner, String name, String descriptor) {

        String withOwner(String newOwner) {
            return newOwner + "." + name + " " + descriptor;
        }

        @Override
        public String toString() {
            return withOwner(owner);
        }
    }

    static final String JAXRS_BUILDER = "jakarta/ws/rs/client/ClientBuilder";
    static final String SHARED_BUILDER = "io/lrasaga/clientpool/SharedClientBuilder";
    static final StaticMethod NEW_CLIENT = new StaticMethod(JAXRS_BUILDER, "newClient", "()Ljakarta/ws/rs/client/Client;");

    static final String ANNOTATION_RESOLVER = "io/narayana/lra/AnnotationResolver";
    static final String RESOLVED_ANNOTATIONS = "io/lrasaga/lraannotations/ResolvedLraAnnotations";
    static final StaticMethod RESOLVE_ANNOTATION = new StaticMethod(ANNOTATION_RESOLVER, "resolveAnnotation",
            "(Ljava/lang/Class;Ljava/lang/reflect/Method;)Ljava/lang/annotation/Annotation;");
    static final StaticMethod IS_ANNOTATION_PRESENT = new StaticMethod(ANNOTATION_RESOLVER, "isAnnotationPresent",
            "(Ljava/lang/Class;Ljava/lang/reflect/Method;)Z");

    /** {@code ClientBuilder.newClient()} → {@code SharedClientBuilder.newClient()}. */
    static final Map<StaticMethod, String> SHARED_CLIENTS = Map.of(NEW_CLIENT, SHARED_BUILDER);

    /** Narayana's {@code AnnotationResolver} → {@code ResolvedLraAnnotations} (answers kept per method). */
    static final Map<StaticMethod, String> RESOLVED_LRA_ANNOTATIONS = Map.of(RESOLVE_ANNOTATION, RESOLVED_ANNOTATIONS,
            IS_ANNOTATION_PRESENT, RESOLVED_ANNOTATIONS);

    private final Map<StaticMethod, String> newOwners;

    StaticCallRewriter(ClassVisitor next, Map<StaticMethod, String> newOwners) {
        super(Opcodes.ASM9, next);
        this.newOwners = newOwners;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                    boolean isInterface) {
                String newOwner = opcode == Opcodes.INVOKESTATIC
                        ? newOwners.get(new StaticMethod(owner, method, methodDescriptor))
                        : null;
                if (newOwner != null) {
                    super.visitMethodInsn(opcode, newOwner, method, methodDescriptor, false);
                } else {
                    super.visitMethodInsn(opcode, owner, method, methodDescriptor, isInterface);
                }
            }
        };
    }
}
