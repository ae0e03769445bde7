package org.scimbridge.store.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimbridge.config.SearchProperties;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.store.ResourceCounts;
import org.scimbridge.store.StoredResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Bounded list responses (issue 8.4) on the store's statements: a page whose rows would outgrow the response's
 * budget is cut after the leading rows that fit, the count stays the count of every match, and the next page (by
 * {@code startIndex} or by cursor) starts at the first row left out, so a walk sees every resource once. Runs on
 * H2 ({@link BoundedPagesH2Test}) and PostgreSQL ({@link BoundedPagesPostgresTest}); each test writes its own
 * directory, so the database need not be empty.
 */
abstract class BoundedPagesContract {

    /** Stored JSON of each user of {@link #users}: the budget below is counted in these. */
    static final int USER_JSON_BYTES = 1000;
    /** What two users take in a response: a budget of this holds two rows per page, never three. */
    static final long TWO_USERS = 2 * (USER_JSON_BYTES + ResourceSearch.RESOURCE_BYTES) + 10;

    abstract DataSource dataSource();

    JdbcTemplate jdbc;
    ResourceSearch search;
    String directory;

    @BeforeEach
    void store() {
        DataSource ds = dataSource();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        SearchProperties properties = new SearchProperties(10_000, "", null);
        search = new ResourceSearch(new NamedParameterJdbcTemplate(ds), new ResourceCounts(jdbc), properties,
                new CursorCodec(properties));
        directory = "bounded-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code n} users of {@link #USER_JSON_BYTES} bytes of JSON each, in created order; their ids. */
    List<String> users(int n) {
        List<String> ids = new ArrayList<>();
        OffsetDateTime t0 = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            String id = String.format("u%03d", i);
            String head = "{\"userName\":\"" + id + "\",\"nickName\":\"";
            String json = head + "x".repeat(USER_JSON_BYTES - head.length() - 2) + "\"}";
            assertThat(json).hasSize(USER_JSON_BYTES);
            // userNames in the reverse of created order, so sortBy=userName walks another order than the default
            insert(id, "User", "name" + (n - i), null, t0.plusSeconds(i), json);
            ids.add(id);
        }
        jdbc.update("INSERT INTO scim_resource_count (directory_id, resource_type, stripe, resources)"
                + " VALUES (?, 'User', 0, ?)", directory, n);
        return ids;
    }

    void insert(String id, String type, String userName, String displayName, OffsetDateTime created, String json) {
        jdbc.update("INSERT INTO scim_resource (directory_id, id, resource_type, user_name, user_name_lc,"
                        + " display_name, display_name_lc, group_name_lc, version, created, last_modified, attributes)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)", directory, id, type, userName, userName,
                displayName, displayName, displayName, created, created, json);
    }

    static SearchRequest request(String sortBy, int startIndex, int count, List<String> excluded) {
        return new SearchRequest(null, sortBy, false, startIndex, count, List.of(), excluded);
    }

    static List<String> ids(ListPage page) {
        return page.resources().stream().map(StoredResource::id).toList();
    }

    @Test
    void aPageThatOutgrowsTheBudgetIsCutShortAndTheNextStartIndexGetsTheRest() {
        List<String> stored = users(7);
        List<String> walked = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        for (int startIndex = 1; startIndex <= stored.size(); ) {
            ListPage page = search.search(directory, ResourceKind.USER, request(null, startIndex, 100, List.of()),
                    ResponseBudget.of(TWO_USERS));
            assertThat(page.totalResults()).as("the count is every match's, not the page's").isEqualTo(7);
            assertThat(page.nextCursor()).isNull();
            pageSizes.add(page.resources().size());
            walked.addAll(ids(page));
            startIndex += page.resources().size();
        }
        assertThat(pageSizes).containsExactly(2, 2, 2, 1);
        assertThat(walked).as("every user once, in order").containsExactlyElementsOf(stored);
    }

    @Test
    void aCutCursorPageHandsOutTheCursorOfTheFirstRowLeftOut() {
        List<String> stored = users(5);
        for (String sortBy : new String[] {null, "userName"}) {
            List<String> expected = new ArrayList<>(stored);
            if (sortBy != null) {
                Collections.reverse(expected);
            }
            List<String> walked = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String cursor = "";
            while (cursor != null) {
                ListPage page = search.searchByCursor(directory, ResourceKind.USER, request(sortBy, 1, 100,
                        List.of()), cursor, ResponseBudget.of(TWO_USERS));
                assertThat(page.totalResults()).isEqualTo(5);
                pageSizes.add(page.resources().size());
                walked.addAll(ids(page));
                cursor = page.nextCursor();
            }
            assertThat(pageSizes).as("sortBy " + sortBy).containsExactly(2, 2, 1);
            assertThat(walked).as("sortBy " + sortBy + ": every user once, in order")
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aPageWithinTheBudgetIsNotCut() {
        List<String> stored = users(3);
        ListPage page = search.searchByCursor(directory, ResourceKind.USER, request(null, 1, 3, List.of()), "",
                ResponseBudget.of(3 * TWO_USERS));
        assertThat(ids(page)).containsExactlyElementsOf(stored);
        assertThat(page.nextCursor()).as("the last page has no next cursor").isNull();
        ListPage byIndex = search.search(directory, ResourceKind.USER, request(null, 2, 2, List.of()),
                ResponseBudget.of(3 * TWO_USERS));
        assertThat(ids(byIndex)).containsExactlyElementsOf(stored.subList(1, 3));
    }

    @Test
    void aResourceLargerThanTheWholeBudgetIsReturnedAlone() {
        List<String> stored = users(3);
        ListPage page = search.search(directory, ResourceKind.USER, request(null, 2, 100, List.of()),
                ResponseBudget.of(10));
        assertThat(ids(page)).containsExactly(stored.get(1));
        assertThat(page.totalResults()).isEqualTo(3);
    }

    @Test
    void groupMembersCountAgainstTheBudgetUnlessExcluded() {
        OffsetDateTime t0 = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        String json = "{\"displayName\":\"g\"}";
        for (int g = 0; g < 2; g++) {
            insert("g" + g, "Group", null, "group " + g, t0.plusSeconds(g), json);
            for (int m = 0; m < 20; m++) {
                jdbc.update("INSERT INTO scim_group_member (directory_id, group_id, member_id, member_type)"
                        + " VALUES (?, ?, ?, 'User')", directory, "g" + g, "m" + m);
            }
        }
        jdbc.update("INSERT INTO scim_resource_count (directory_id, resource_type, stripe, resources)"
                + " VALUES (?, 'Group', 0, 2)", directory);
        // one group with its 20 members fits, two do not; without their members both fit easily
        long oneGroup = json.length() + ResourceSearch.RESOURCE_BYTES + 20 * ResourceSearch.MEMBER_BYTES + 10;
        ListPage withMembers = search.search(directory, ResourceKind.GROUP, request(null, 1, 10, List.of()),
                ResponseBudget.of(oneGroup));
        assertThat(ids(withMembers)).containsExactly("g0");
        ListPage excluded = search.search(directory, ResourceKind.GROUP, request(null, 1, 10, List.of("members")),
                ResponseBudget.of(oneGroup));
        assertThat(ids(excluded)).containsExactly("g0", "g1");
    }

    @Test
    void aBudgetSpentByOneSearchLeavesNothingForTheNextOfTheSameResponse() {
        List<String> stored = users(3);
        // a root search: the Users' page was cut, so the Groups must wait for a later page, not fill the gap
        ResponseBudget shared = ResponseBudget.of(TWO_USERS);
        assertThat(ids(search.search(directory, ResourceKind.USER, request(null, 1, 100, List.of()), shared)))
                .containsExactlyElementsOf(stored.subList(0, 2));
        assertThat(shared.spent()).isTrue();
        assertThat(ids(search.search(directory, ResourceKind.USER, request(null, 3, 100, List.of()), shared)))
                .isEmpty();
    }
}
