package org.scimbridge.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.scimbridge.testsupport.ScimClient;
import org.scimbridge.testsupport.ScimClient.Response;

/**
 * Issue 8.4 as it was found: the packaged bridge at {@code -Xmx512m} holding 1 MB users (each with a photo as a
 * data URL), asked for {@code count=1000}. Before, the page's JSON was read whole and the answer was a 500 from
 * an {@code OutOfMemoryError}; now the page is cut at {@code max-response-bytes} (8 MiB by default) and paging
 * goes on from the first user left out, through every user once. The process stays up and logs no
 * {@code OutOfMemoryError}.
 */
class BoundedListResponseIT {

    static final int USERS = 320;
    static final int PHOTO_BYTES = 1_000_000;

    @TempDir
    Path dir;

    Process bridge;
    final String directory = "bounded-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.destroyForcibly();
        }
    }

    @Test
    // On request (-Dbounded.it=true, about 80 s): it passed three runs in a row once H2 no longer rewrote chunks of
    // 1 MB values in the background, then failed in .ci/run on direct buffer memory (each request thread keeps a
    // temporary direct buffer as large as the biggest H2 chunk it wrote: 507 MB of 512), docs/reliability.md
    @EnabledIfSystemProperty(named = "bounded.it", matches = "true")
    void aListOfMegabyteUsersAtCount1000IsCutShortAtHalfAGigabyteOfHeapAndPagingReachesEveryUser()
            throws Exception {
        try {
            storeAndList();
        } catch (Throwable failed) {
            keepLog();
            throw failed;
        }
    }

    private void storeAndList() throws Exception {
        int port = BridgeProcess.freePort();
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
        // e.g. -Dbounded.it.jvm="-XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=/tmp" to see what holds the heap
        for (String option : System.getProperty("bounded.it.jvm", "").split(" ")) {
            if (!option.isBlank()) {
                jvm.add(option);
            }
        }
        bridge = BridgeProcess.start(dir, "bridge", port, jvm, List.of(
                "--scim-bridge.directories." + directory + ".token=bounded-token",
                "--scim-bridge.directories." + directory + ".sinks=",
                "--scim-bridge.directories.demo.sinks=",
                "--scim-bridge.embedded-ldap.enabled=false",
                "--scim-bridge.max-body-bytes=2097152", // a 1 MB user is more than the default 1 MiB body
                // what is proven here is memory, not latency: on a 2-core host shared by parallel builds (load 16)
                // the first list page took 6 to 8 s, past the default 5 s statement timeout, and answered 503
                "--scim-bridge.limits.statement-timeout=30s",
                "--scim-bridge.limits.request-timeout=60s"));
        ScimClient scim = new ScimClient(port, directory, "bounded-token");
        long t0 = System.nanoTime();
        List<String> stored = store(scim);
        System.out.printf("BoundedListResponseIT: %d users of %d bytes stored in %d ms%n", USERS, PHOTO_BYTES,
                (System.nanoTime() - t0) / 1_000_000);

        JsonNode first = page(scim.get("/Users?count=1000"));
        int perPage = first.get("itemsPerPage").asInt();
        assertThat(perPage).as("cut short of the 1000 asked and of the %d stored", USERS).isBetween(1, 9);
        assertThat(first.get("totalResults").asInt()).isEqualTo(USERS);
        assertThat(first.get("Resources")).hasSize(perPage);

        // startIndex paging goes on from the first user left out: every user once, in the default order
        List<String> walked = new ArrayList<>();
        int pages = 0;
        for (int startIndex = 1; startIndex <= USERS; pages++) {
            JsonNode page = page(scim.get("/Users?count=1000&attributes=userName&startIndex=" + startIndex));
            assertThat(page.get("itemsPerPage").asInt()).as("page at %d", startIndex).isPositive();
            page.get("Resources").forEach(u -> walked.add(u.get("id").asText()));
            startIndex += page.get("itemsPerPage").asInt();
        }
        assertThat(new LinkedHashSet<>(walked)).as("no user twice").hasSize(walked.size());
        assertThat(walked).as("no user lost").containsExactlyInAnyOrderElementsOf(stored);

        // a cursor page cut short hands out the cursor of the first user left out
        JsonNode byCursor = page(scim.get("/Users?count=1000&cursor="));
        JsonNode next = page(scim.get("/Users?count=1000&cursor=" + enc(byCursor.get("nextCursor").asText())));
        List<String> two = new ArrayList<>();
        byCursor.get("Resources").forEach(u -> two.add(u.get("id").asText()));
        next.get("Resources").forEach(u -> two.add(u.get("id").asText()));
        assertThat(two).containsExactlyElementsOf(walked.subList(0, two.size()));

        // the other shapes of a list: a SearchRequest, and the search at the directory's root
        for (Response r : List.of(scim.post("/Users/.search", "{\"count\":1000}"),
                scim.post("/.search", "{\"count\":1000}"))) {
            JsonNode page = page(r);
            assertThat(page.get("itemsPerPage").asInt()).as(r.toString().substring(0, 80)).isBetween(1, 9);
        }
        assertThat(bridge.isAlive()).as("the bridge is still up").isTrue();
        assertThat(page(scim.get("/Users?count=1&attributes=userName")).get("itemsPerPage").asInt()).isEqualTo(1);
        System.out.printf("BoundedListResponseIT: count=1000 answered %d users per page, %d pages%n", perPage, pages);
        assertThat(Files.readString(dir.resolve("bridge.log"))).doesNotContain("OutOfMemoryError");
    }

    /** The child's log outlives the temporary directory (target/BoundedListResponseIT-bridge.log) and its tail is printed. */
    private void keepLog() throws Exception {
        Path log = dir.resolve("bridge.log");
        if (!Files.exists(log)) {
            return;
        }
        Path kept = Path.of("target", "BoundedListResponseIT-bridge.log");
        Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> lines = Files.readAllLines(log);
        System.out.println("BoundedListResponseIT: the bridge's log is kept in " + kept.toAbsolutePath()
                + "; its last lines:");
        lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.out::println);
    }

    /** Stores the users, two requests at a time; their ids. */
    private List<String> store(ScimClient scim) throws Exception {
        String photo = "data:image/jpeg;base64," + "A".repeat(PHOTO_BYTES);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> creates = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                String userName = "big" + i + "@" + directory + ".example.com";
                creates.add(pool.submit(() -> {
                    Response r = scim.post("/Users", """
                            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                             "photos":[{"type":"photo","value":"%s"}]}""".formatted(userName, photo));
                    assertThat(r.status()).as(r.toString().substring(0, Math.min(300, r.toString().length())))
                            .isEqualTo(201);
                    return r.id();
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> create : creates) {
                ids.add(create.get());
            }
            return Collections.unmodifiableList(ids);
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode page(Response r) {
        assertThat(r.status()).as("%d %s", r.status(), r.text().substring(0, Math.min(300, r.text().length())))
                .isEqualTo(200);
        return r.json();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
