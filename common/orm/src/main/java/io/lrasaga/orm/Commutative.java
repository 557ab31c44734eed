package io.lrasaga.orm;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A numeric field whose changes commute, such as a stock level or a balance: a saga's change
 * is undone as the opposite delta ({@code stock -3} is compensated by {@code +3}) instead of
 * restoring the old value, so concurrent sagas on the same row neither block each other nor
 * overwrite each other's effect. Supported types: int, long, short (and their boxes),
 * BigInteger and BigDecimal.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Commutative {
}
