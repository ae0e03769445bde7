package org.scimbridge.store;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Which of some ids name a stored user of one directory: one indexed look-up per page, whatever its size. */
@Component
public class UserIds {

    private static final int CHUNK = 500;

    private final NamedParameterJdbcTemplate named;

    public UserIds(NamedParameterJdbcTemplate named) {
        this.named = named;
    }

    public Set<String> existing(String directoryId, Collection<String> ids) {
        Set<String> found = new HashSet<>();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        for (int from = 0; from < distinct.size(); from += CHUNK) {
            MapSqlParameterSource p = new MapSqlParameterSource("dir", directoryId)
                    .addValue("ids", distinct.subList(from, Math.min(distinct.size(), from + CHUNK)));
            found.addAll(named.queryForList("SELECT id FROM scim_resource WHERE directory_id = :dir"
                    + " AND resource_type = 'User' AND id IN (:ids)", p, String.class));
        }
        return found;
    }
}
