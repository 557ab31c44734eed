package io.lrasaga.coordinator.admin;

/** Paging parameters, checked: {@code page} from 0, {@code size} 1..500 (default 20). */
record PageRequest(int page, int size) {

    static final int MAX_SIZE = 500;

    static PageRequest of(String page, String size) {
        int p = parse("page", page, 0);
        int s = parse("size", size, 20);
        if (p < 0) {
            throw AdminProblem.invalidParameter("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw AdminProblem.invalidParameter("size", "must be between 1 and " + MAX_SIZE);
        }
        return new PageRequest(p, s);
    }

    // Taken as text: a JAX-RS int parameter that does not parse answers 404, naming nothing.
    private static int parse(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw AdminProblem.invalidParameter(name, "must be a whole number, was '" + value + "'");
        }
    }
}
