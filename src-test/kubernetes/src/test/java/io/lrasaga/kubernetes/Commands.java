package io.lrasaga.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the external tools the tests need (kubectl, node, npm, sh) and says clearly when one is missing. */
final class Commands {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Commands() {
    }

    static Result run(Path dir, String stdin, List<String> command) {
        return run(dir, stdin, command, java.util.Map.of());
    }

    static Result run(Path dir, String stdin, List<String> command, java.util.Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run '" + command.get(0) + "' (" + e.getMessage() + "): "
                    + installHint(command.get(0)), e);
        }
        try {
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted", e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String installHint(String tool) {
        return switch (tool) {
            case "kubectl" -> "kubectl (1.27+, it renders kustomize offline) must be on the PATH; .ci/run installs it";
            case "node", "npm" -> "Node.js 18+ with npm must be on the PATH (the schema validator runs on it)";
            default -> tool + " must be on the PATH";
        };
    }
}
