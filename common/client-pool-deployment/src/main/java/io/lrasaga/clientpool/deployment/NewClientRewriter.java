package io.lrasaga.clientpool.deployment;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Turns every {@code ClientBuilder.newClient()} of a class into
 * {@code SharedClientBuilder.newClient()}. Same signature, same result type: the call site,
 * the stack and the frames stay as they are; only the owner of the static call changes.
 */
final class NewClientRewriter extends ClassVisitor {

    static final String JAXRS_BUILDER = "jakarta/ws/rs/client/ClientBuilder";
    static final String SHARED_BUILDER = "io/lrasaga/clientpool/SharedClientBuilder";
    static final String NEW_CLIENT = "newClient";
    static final String NEW_CLIENT_DESCRIPTOR = "()Ljakarta/ws/rs/client/Client;";

    NewClientRewriter(ClassVisitor next) {
        super(Opcodes.ASM9, next);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                    boolean isInterface) {
                if (opcode == Opcodes.INVOKESTATIC && JAXRS_BUILDER.equals(owner) && NEW_CLIENT.equals(method)
                        && NEW_CLIENT_DESCRIPTOR.equals(methodDescriptor)) {
                    super.visitMethodInsn(opcode, SHARED_BUILDER, method, methodDescriptor, false);
                } else {
                    super.visitMethodInsn(opcode, owner, method, methodDescriptor, isInterface);
                }
            }
        };
    }
}
