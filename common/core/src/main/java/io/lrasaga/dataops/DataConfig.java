package io.lrasaga.dataops;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Which entities this service exposes to declarative data operations. Prefix {@code lra-saga.data}. */
@ConfigMapping(prefix = "lra-saga.data")
public interface DataConfig {

    /**
     * The allow-list: fully qualified class names of the entities that {@code POST /transactions}
     * may insert, update, delete and upsert through {@code /lra-saga/data/{entity}}, each exposed
     * under its simple class name ({@code io.acme.Product} as {@code Product}). Empty (the
     * default): the service exposes nothing and every data operation is refused with 404.
     */
    Optional<List<String>> entities();
}
