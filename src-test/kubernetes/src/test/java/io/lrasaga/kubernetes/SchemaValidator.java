package io.lrasaga.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Node validator (validator/validate.mjs, kubernetes-models): installs its locked
 * dependencies with {@code npm ci} on first use, then validates YAML given on standard input.
 */
final class SchemaValidator {

    private SchemaValidator() {
    }

    static synchronized Commands.Result validate(String yaml) {
        Path dir = Project.validator();
        if (!Files.isDirectory(dir.resolve("node_modules/kubernetes-models"))) {
            Commands.Result install = Commands.run(dir, null, List.of("npm", "ci", "--no-audit", "--no-fund"));
            if (install.exitCode() != 0) {
                throw new AssertionError("npm ci in " + dir + " failed:\n" + install.stdout() + install.stderr());
            }
        }
        return Commands.run(dir, yaml, List.of("node", "validate.mjs"));
    }
}
