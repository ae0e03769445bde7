package org.scimbridge.store.query;

import java.util.LinkedHashMap;
import java.util.Map;

/** Named parameters of one query: each value gets a name {@code p0, p1, ...} and a {@code :pN} placeholder. */
public final class SqlParameters {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Binds a value and returns its placeholder. */
    public String add(Object value) {
        String name = "p" + values.size();
        values.put(name, value);
        return ":" + name;
    }

    public Map<String, Object> values() {
        return values;
    }
}
