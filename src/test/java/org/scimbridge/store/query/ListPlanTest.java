package org.scimbridge.store.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimbridge.scim.filter.FilterParser;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.scim.schema.ResourceKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The plans of the list statements on H2 (the embedded default): a page and Entra's matches seek an index
 * and never scan the directory, whatever it holds. Fails when a statement shape or an index regresses.
 */
class ListPlanTest {

    static NamedParameterJdbcTemplate jdbc;

    @BeforeAll
    static void directoryOfTwoThousandUsers() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:list-plan;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        JdbcTemplate plain = new JdbcTemplate(ds);
        List<Object[]> users = new ArrayList<>();
        List<Object[]> values = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String id = "u" + i;
            users.add(new Object[] {id, "user" + i, "user" + i, "ext" + i, "Name " + i, "name " + i});
            for (int e = 0; e < 2; e++) {
                values.add(new Object[] {id, "emails.type", e, e == 0 ? "work" : "home", e == 0 ? "work" : "home"});
                values.add(new Object[] {id, "emails.value", e, "u" + i + "-" + e + "@x", "u" + i + "-" + e + "@x"});
            }
        }
        plain.batchUpdate("INSERT INTO scim_resource (directory_id, id, resource_type, user_name, user_name_lc,"
                + " external_id, display_name, display_name_lc, version, created, last_modified, attributes)"
                + " VALUES ('d', ?, 'User', ?, ?, ?, ?, ?, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '{}')", users);
        plain.batchUpdate("INSERT INTO scim_attribute_value (directory_id, resource_id, path, elem, attr_value,"
                + " attr_value_lc) VALUES ('d', ?, ?, ?, ?, ?)", values);
        plain.execute("ANALYZE");
        jdbc = new NamedParameterJdbcTemplate(ds);
    }

    static String plan(String filter, String sortBy, boolean count) {
        SearchRequest request = new SearchRequest(filter == null ? null : FilterParser.parse(filter), sortBy, false,
                1, 10, List.of(), List.of());
        SearchQuery query = SearchQueryBuilder.build("d", ResourceKind.USER, request, 10_000);
        Map<String, Object> row = jdbc.queryForMap("EXPLAIN " + (count ? query.countSql() : query.pageSql()),
                query.parameters());
        return row.values().iterator().next().toString().toLowerCase(Locale.ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"userName eq \"user7\"", "externalId eq \"ext7\"", "displayName eq \"name 7\"",
            "emails[type eq \"work\"].value eq \"u7-0@x\"", "emails.value eq \"u7-0@x\"",
            "emails[value eq \"u7-0@x\"]"})
    void entraMatchesSeekAnIndexAndNeverScanTheDirectory(String filter) {
        for (boolean count : new boolean[] {false, true}) {
            String plan = plan(filter, null, count);
            assertThat(plan).as(plan).doesNotContain("tablescan")
                    // the directory's rows in created order are the scan a match must not fall back to
                    .doesNotContain("ix_resource_created: directory_id = ?1\n        and resource_type = ?2 */");
            assertThat(plan).as(plan).containsAnyOf("ux_resource_user_name", "ix_resource_external_id",
                    "ix_resource_display_name", "primary_key_", "id in(");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "userName", "displayName", "externalId", "meta.created", "meta.lastModified", "id"})
    void aPageIsReadInIndexOrderWithoutSorting(String sortBy) {
        String plan = plan(null, sortBy.isEmpty() ? null : sortBy, false);
        assertThat(plan).as(plan).doesNotContain("tablescan").contains("index sorted");
    }

    @Test
    void thePageRowsThatFitTheResponseBudgetAreFetchedByPrimaryKey() {
        Map<String, Object> row = jdbc.queryForMap("EXPLAIN " + SearchQueryBuilder.FETCH_SQL,
                Map.of("directoryId", "d", "ids", List.of("u1", "u7", "u1999")));
        String plan = row.values().iterator().next().toString().toLowerCase(Locale.ROOT);
        assertThat(plan).as(plan).doesNotContain("tablescan").contains("primary_key_");
    }
}
