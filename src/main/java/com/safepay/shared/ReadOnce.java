package com.safepay.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Facts that never change once they are settled (a buyer's wallet account, a merchant's merchant
 * no), read from the database at most once per process and then kept. Safe with several instances:
 * what is kept cannot change anywhere.
 *
 * @param <K> the key, e.g. an id
 * @param <V> the fact
 */
public final class ReadOnce<K, V> {

    private final Map<K, V> kept = new ConcurrentHashMap<>();
    private final Function<V, K> key;
    private final Predicate<V> settled;

    /**
     * @param key the key of a value
     * @param settled whether a value can be kept (a value still being set up is read again next time)
     */
    public ReadOnce(Function<V, K> key, Predicate<V> settled) {
        this.key = key;
        this.settled = settled;
    }

    /**
     * The values of these keys: kept ones at once, the others with one call of {@code load}; keys it
     * finds nothing for are missing from the result.
     */
    public Map<K, V> get(Collection<K> keys, Function<List<K>, Collection<V>> load) {
        Map<K, V> found = new HashMap<>();
        List<K> missing = new ArrayList<>();
        for (K k : keys) {
            V known = kept.get(k);
            if (known != null) {
                found.put(k, known);
            } else {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            for (V value : load.apply(missing)) {
                found.put(key.apply(value), value);
                if (settled.test(value)) {
                    kept.put(key.apply(value), value);
                }
            }
        }
        return found;
    }
}
