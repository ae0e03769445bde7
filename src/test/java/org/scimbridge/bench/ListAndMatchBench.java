package org.scimbridge.bench;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.scimbridge.config.SearchProperties;
import org.scimbridge.scim.filter.FilterParser;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.store.ResourceCounts;
import org.scimbridge.store.query.CursorCodec;
import org.scimbridge.store.query.ListPage;
import org.scimbridge.store.query.ResourceSearch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The store's list statements against a grown directory, without HTTP: N users with one work email each, and
 * one user holding E work emails (issue 11.4 / 14.2). Prints the median and max of 20 runs of each statement.
 * Run (after test-compile; see docs/benchmarks.md for the classpath):
 * {@code java -cp ... org.scimbridge.bench.ListAndMatchBench <jdbc-url> <user> <password> <users> <emails>}
 * on an empty database (it runs the Flyway migrations).
 */
public final class ListAndMatchBench {

    private ListAndMatchBench() {
    }

    public static void main(String[] args) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(args[0], args[1], args[2], true);
        int users = Integer.parseInt(args[3]);
        int emails = Integer.parseInt(args[4]);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        long t0 = System.nanoTime();
        grow(jdbc, users, emails);
        System.out.printf("grown: %d users, one with %d emails, in %d ms%n", users, emails,
                (System.nanoTime() - t0) / 1_000_000);
        SearchProperties properties = new SearchProperties(10_000, "", null);
        ResourceSearch search = new ResourceSearch(new NamedParameterJdbcTemplate(ds), new ResourceCounts(jdbc),
                properties, new CursorCodec(properties));
        String mid = "u" + (users / 2);
        measure("Entra match emails[type eq \"work\"].value eq (a user with 1 email)", () -> search.search("bench",
                ResourceKind.USER, request("emails[type eq \"work\"].value eq \"" + mid + "@x.org\"", 1, 10)));
        measure("Entra match emails[type eq \"work\"].value eq (the user with " + emails + " emails)",
                () -> search.search("bench", ResourceKind.USER,
                        request("emails[type eq \"work\"].value eq \"heavy-" + (emails - 1) + "@x.org\"", 1, 10)));
        measure("userName eq", () -> search.search("bench", ResourceKind.USER,
                request("userName eq \"" + mid + "\"", 1, 10)));
        measure("externalId eq", () -> search.search("bench", ResourceKind.USER,
                request("externalId eq \"ext-" + mid + "\"", 1, 10)));
        measure("page of 10 at startIndex=1", () -> search.search("bench", ResourceKind.USER, request(null, 1, 10)));
        measure("page of 10 at startIndex=" + (users / 2), () -> search.search("bench", ResourceKind.USER,
                request(null, users / 2, 10)));
        String next = search.searchByCursor("bench", ResourceKind.USER, request(null, 1, users / 2), "")
                .nextCursor();
        measure("page of 10 by cursor at depth " + (users / 2), () -> search.searchByCursor("bench",
                ResourceKind.USER, request(null, 1, 10), next));
        ds.destroy();
    }

    static SearchRequest request(String filter, int startIndex, int count) {
        return new SearchRequest(filter == null ? null : FilterParser.parse(filter), null, false, startIndex, count,
                List.of("id"), List.of());
    }

    static void measure(String name, Supplier<ListPage> run) {
        long[] micros = new long[20];
        long total = -1;
        for (int i = 0; i < micros.length + 3; i++) {
            long t = System.nanoTime();
            ListPage page = run.get();
            if (i >= 3) {
                micros[i - 3] = (System.nanoTime() - t) / 1_000;
            }
            total = page.totalResults();
        }
        Arrays.sort(micros);
        System.out.printf("%-75s median %7.2f ms  max %7.2f ms  (totalResults %d)%n", name,
                micros[micros.length / 2] / 1000.0, micros[micros.length - 1] / 1000.0, total);
    }

    private static void grow(JdbcTemplate jdbc, int users, int emails) {
        OffsetDateTime start = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> values = new ArrayList<>();
        for (int i = 0; i <= users; i++) {
            String id = i == users ? "heavy" : "u" + i;
            rows.add(new Object[] {id, id, id, "ext-" + id, id, id, start.plusNanos(i * 1_000_000L),
                    start.plusNanos(i * 1_000_000L)});
            int n = i == users ? emails : 1;
            for (int e = 0; e < n; e++) {
                String mail = i == users ? "heavy-" + e + "@x.org" : id + "@x.org";
                values.add(new Object[] {id, "emails.type", e, "work", "work"});
                values.add(new Object[] {id, "emails.value", e, mail, mail});
            }
            if (rows.size() == 1000 || i == users) {
                flush(jdbc, rows, values);
            }
        }
        jdbc.update("INSERT INTO scim_resource_count (directory_id, resource_type, stripe, resources)"
                + " VALUES ('bench', 'User', 0, ?)", users + 1);
        jdbc.execute("ANALYZE");
    }

    private static void flush(JdbcTemplate jdbc, List<Object[]> rows, List<Object[]> values) {
        jdbc.batchUpdate("INSERT INTO scim_resource (directory_id, id, resource_type, user_name, user_name_lc,"
                + " external_id, display_name, display_name_lc, version, created, last_modified, attributes)"
                + " VALUES ('bench', ?, 'User', ?, ?, ?, ?, ?, 1, ?, ?, '{}')", rows);
        jdbc.batchUpdate("INSERT INTO scim_attribute_value (directory_id, resource_id, path, elem, attr_value,"
                + " attr_value_lc) VALUES ('bench', ?, ?, ?, ?, ?)", values);
        rows.clear();
        values.clear();
    }
}
