package io.lrasaga.mongo;

import io.quarkus.mongodb.panache.PanacheMongoEntity;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** The test application's entity: a plain Panache entity, no base class or marker field. */
@MongoEntity(collection = "gadgets")
public class Gadget extends PanacheMongoEntity {

    public String name;
    public String color;
    public int count;
}
