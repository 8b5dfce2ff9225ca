package org.ec2workbench.sandbox.ec2;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.ec2workbench.sandbox.protocol.ApiException;

/** Picks the resources a Describe call may see: visible on its replica, and the named ones if it names any. */
final class Selection {

    private Selection() {
    }

    /**
     * @param visible  whether the request's replica knows a resource
     * @param ids      the ids the request names (empty: all visible ones)
     * @param notFound the error for ids the replica does not know
     */
    static <T> List<T> select(List<T> all, Predicate<T> visible, Function<T, String> idOf, List<String> ids,
                              Function<List<String>, ApiException> notFound) {
        List<T> kept = new ArrayList<>(all.size());
        Set<String> missing = new LinkedHashSet<>(ids);
        for (T item : all) {
            if (!visible.test(item)) {
                continue;
            }
            String id = idOf.apply(item);
            if (ids.isEmpty() || ids.contains(id)) {
                kept.add(item);
                missing.remove(id);
            }
        }
        if (!missing.isEmpty()) {
            throw notFound.apply(List.copyOf(missing));
        }
        return kept;
    }
}
