package io.lrasaga.coordinator.security;

/** The admin API's roles: a viewer reads, an operator also acts. */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
