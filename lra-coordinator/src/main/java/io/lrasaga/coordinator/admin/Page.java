package io.lrasaga.coordinator.admin;

import java.util.List;
import java.util.function.Function;

/** One page of a list; {@code page} counts from 0, {@code total} is the size of the whole list. */
public record Page<T>(List<T> items, int page, int size, long total) {

    static <T> Page<T> of(List<T> all, PageRequest request) {
        int from = (int) Math.min((long) request.page() * request.size(), all.size());
        int to = Math.min(from + request.size(), all.size());
        return new Page<>(List.copyOf(all.subList(from, to)), request.page(), request.size(), all.size());
    }

    <R> Page<R> map(Function<T, R> change) {
        return new Page<>(items.stream().map(change).toList(), page, size, total);
    }
}
