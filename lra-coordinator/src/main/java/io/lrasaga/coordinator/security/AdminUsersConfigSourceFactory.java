package io.lrasaga.coordinator.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Declares the users of {@link AdminConfig} in Quarkus' embedded security realm, which only
 * takes users as map keys ({@code quarkus.security.users.embedded.users."name"}): a name that
 * comes from configuration cannot be written there directly. A user is declared only when
 * it has a non-blank password.
 */
public class AdminUsersConfigSourceFactory implements ConfigSourceFactory {

    private static final String PREFIX = "lra-saga.coordinator.admin.";
    private static final String USERS = "quarkus.security.users.embedded.users.\"%s\"";
    private static final String ROLES = "quarkus.security.users.embedded.roles.\"%s\"";
    // Below application.properties (250), so users declared there directly win.
    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new HashMap<>();
        declare(context, properties, "operator", Roles.OPERATOR + "," + Roles.VIEWER);
        declare(context, properties, "viewer", Roles.VIEWER);
        return List.of(new PropertiesConfigSource(properties, "lra-saga admin users", ORDINAL));
    }

    private static void declare(ConfigSourceContext context, Map<String, String> properties, String kind,
            String roles) {
        String password = value(context, PREFIX + kind + "-password");
        if (password == null || password.isBlank()) {
            return;
        }
        String user = value(context, PREFIX + kind + "-user");
        if (user == null || user.isBlank()) {
            user = kind;
        }
        properties.put(String.format(USERS, user), password);
        properties.merge(String.format(ROLES, user), roles, (a, b) -> a + "," + b);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
