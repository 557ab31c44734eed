package io.lrasaga.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where things are in the repository: the kustomize tree, the validator, the apps' modules. */
final class Project {

    private Project() {
    }

    static Path root() {
        String configured = System.getProperty("lra-saga.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("kubernetes/base")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root with kubernetes/base above " + start);
    }

    static Path kubernetes() {
        return root().resolve("kubernetes");
    }

    /** The base and every overlay: each must render and validate on its own. */
    static List<Path> kustomizations() {
        List<Path> all = new ArrayList<>();
        all.add(kubernetes().resolve("base"));
        all.addAll(overlays());
        return all;
    }

    static List<Path> overlays() {
        try (Stream<Path> dirs = Files.list(kubernetes().resolve("overlays"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path overlay(String name) {
        return kubernetes().resolve("overlays").resolve(name);
    }

    static Path validator() {
        return root().resolve("src-test/kubernetes/validator");
    }

    /** The Maven module of an app, by the last segment of its image name (lra-saga/orders -> services/orders). */
    static Path appModule(String app) {
        Path module = app.equals("lra-coordinator") ? root().resolve("lra-coordinator") : root().resolve("services").resolve(app);
        if (!Files.isDirectory(module)) {
            throw new AssertionError("image lra-saga/" + app + " names no app module (" + module + ")");
        }
        return module;
    }
}
