package io.lrasaga.dataops;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * The classes named by {@code lra-saga.data.entities}. A name that is no class, or a class no
 * store of this service can write, stops the service at start: a typo must not silently leave
 * an entity unreachable.
 */
@Singleton
public class DataAllowList {

    private final List<Class<?>> classes;

    DataAllowList(DataConfig config) {
        List<Class<?>> found = new ArrayList<>();
        for (String name : config.entities().orElse(List.of())) {
            try {
                found.add(Class.forName(name.trim(), false, Thread.currentThread().getContextClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("lra-saga.data.entities names " + name + ", which is no class", e);
            }
        }
        this.classes = List.copyOf(found);
    }

    public List<Class<?>> classes() {
        return classes;
    }

    void check(@Observes StartupEvent started, Instance<DataStore> stores) {
        for (Class<?> type : classes) {
            boolean exposed = stores.stream().anyMatch(store -> store.entities().stream()
                    .anyMatch(entity -> entity.name().equals(type.getSimpleName())));
            if (!exposed) {
                throw new IllegalStateException("lra-saga.data.entities names " + type.getName()
                        + ", which no store of this service can write (not an entity of its ORM or MongoDB Panache)");
            }
        }
    }
}
