package org.scimbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.Json;
import org.scimbridge.testsupport.RawHttp;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 8.2: one directory's slow clients against another directory's latency. On main, eight unauthenticated
 * uploads at 1 byte/s made every GET time out (the body was read, before authentication, on one of the 8 threads of
 * the request executor), and eight slow filters of one directory answered 503 after 30 s while their H2 queries
 * kept the threads for minutes more, so another directory got no answer at all.
 *
 * <p>The slow filter: Entra's own match, {@code emails[type eq "work"].value eq}, is an index seek since issue 14.2
 * and no longer slow for any data. What stays slow is a {@code co} filter, which no index serves: one user of
 * {@code attacked} holds 150,000 email index rows of 500 characters, and {@code emails.value co "a...ab" or ... co "a...ae"} (250
 * characters each) costs H2 about 125,000 character comparisons per row, seconds in all, longer than the statement
 * timeout (1.5 s here). The rows are written straight into the attribute index: a body holding them would exceed
 * the body limit.
 *
 * <p>The bystander's latency is compared with its own, measured just before and after on the same machine: the attack may
 * add at most 100 ms to its p99. (On a quiet machine that is the p99 under 100 ms the issue asks for; on a machine
 * shared with other builds the bystander alone is already slower, and that is not the attack's doing.)
 */
class SlowClientsFairnessTest extends HardenedBridgeTestBase {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // four needles, so every row is searched four times: one search of the 150,000 rows became fast enough on a
    // warm JIT (String.indexOf is vectorised) to finish inside the 1.5 s timeout, and the test then saw a 200
    private static final String SLOW_FILTER = "/Users?filter=" + URLEncoder.encode(
            String.join(" or ", java.util.stream.Stream.of("b", "c", "d", "e")
                    .map(end -> "emails.value co \"" + "a".repeat(250) + end + "\"").toList()),
            StandardCharsets.UTF_8);
    // 10,000 rows took 0.26 s on a quiet machine (about 2.3 billion character comparisons a second): fifteen
    // times as many take seconds anywhere, well past the 1.5 s statement timeout
    private static final int LONG_EMAIL_ROWS = 150_000;
    private static final int EMAIL_ROW_CHARS = 500;
    private static final int BODY_BYTES = 100_000;
    /**
     * Each attacker keeps one request going at a time, as the eight curl loops did, and starts the next one
     * a Retry-After (1 s) after an answer: eight concurrent slow clients per kind, not a flood of new connections,
     * which would measure this test's own CPU on a two-core machine rather than the bridge.
     */
    private static final long RETRY_AFTER_MILLIS = 1_000;

    @Autowired
    JdbcTemplate jdbc;

    ScimClient attacked;
    ScimClient bystander;
    String bystanderId;

    @BeforeEach
    void directories() {
        attacked = new ScimClient(port, "attacked", "attacked-token");
        bystander = new ScimClient(port, "bystander", "bystander-token");
        if (attacked.filter("/Users", "userName eq \"many-emails\"").json().path("totalResults").asInt() == 0) {
            StringBuilder emails = new StringBuilder();
            for (int i = 0; i < 3000; i++) {
                emails.append(i == 0 ? "" : ",").append("{\"type\":\"work\",\"value\":\"w").append(i)
                        .append("@example.org\"}");
            }
            ScimClient.Response created = attacked.post("/Users",
                    "{\"userName\":\"many-emails\",\"emails\":[" + emails + "]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.id();   // parsed once: the body holds 3,000 emails
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < LONG_EMAIL_ROWS; i++) {
                String value = "a".repeat(EMAIL_ROW_CHARS) + i;
                rows.add(new Object[] {id, 3000 + i, value, value});
            }
            jdbc.batchUpdate("INSERT INTO scim_attribute_value (directory_id, resource_id, path, elem, attr_value,"
                    + " attr_value_lc) VALUES ('attacked', ?, 'emails.value', ?, ?, ?)", rows);
        }
        ScimClient.Response found = bystander.filter("/Users", "userName eq \"calm\"");
        if (found.json().path("totalResults").asInt() == 0) {
            bystanderId = bystander.post("/Users", "{\"userName\":\"calm\"}").id();
        } else {
            bystanderId = found.json().path("Resources").get(0).path("id").asText();
        }
    }

    @Test
    void anUnauthenticatedUploadIsAnswered401BeforeItsBodyIsSentAndItsConnectionClosed() throws Exception {
        try (Socket socket = uploadHeaders(null)) {
            long start = System.nanoTime();
            RawHttp.Response answer = readResponse(socket, 5_000);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(millisSince(start)).as("answered without waiting for the body").isLessThan(2_000);
            PathTricks.assertScimError(answer, "401");
            assertThat(closedWithin(socket, 5_000)).as("connection closed, body not drained").isTrue();
        }
    }

    @Test
    void anAuthenticatedUploadAtOneBytePerSecondIsCutOffWith408() throws Exception {
        try (Socket socket = uploadHeaders("attacked-token")) {
            long start = System.nanoTime();
            RawHttp.Response answer = null;
            socket.setSoTimeout(1_000);
            for (int i = 0; i < 10 && answer == null; i++) {
                socket.getOutputStream().write('{');
                answer = readResponse(socket, 1_000);
            }
            assertThat(answer).as("answered while the body still trickles in").isNotNull();
            assertThat(answer.status()).isEqualTo(408);
            assertThat(millisSince(start)).as("cut off by the minimum rate").isLessThan(6_000);
            PathTricks.assertScimError(answer, "408");
            assertThat(closedWithin(socket, 5_000)).isTrue();
        }
    }

    @Test
    void aSlowFilterIsAnswered503WithRetryAfterAndItsQueryEndsWithItsAnswer() throws Exception {
        long start = System.nanoTime();
        ScimClient.Response slow = attacked.get(SLOW_FILTER);
        long answeredAfter = millisSince(start);
        int stillRunning = runningFilterStatements();
        assertThat(slow.status()).as(slow.toString()).isEqualTo(503);
        assertThat(slow.header("Retry-After")).isEqualTo("1");
        assertThat(Json.parse(slow.text()).path("schemas").get(0).asText())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(answeredAfter).as("about the statement timeout (1.5 s)").isLessThan(6_000);
        assertThat(stillRunning).as("H2 sessions still running the filter after its answer").isZero();
    }

    @Test
    void eightSlowUploadsAndEightSlowFiltersOfOneDirectoryLeaveAnotherDirectoryFast() throws Exception {
        List<Long> calm = new ArrayList<>(bystanderLatencies(Duration.ofSeconds(3)));

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Map<String, Map<Integer, AtomicInteger>> attackers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> slowUploads(null, until, counter(attackers, "unauthenticated upload")));
            pool.submit(() -> slowUploads("attacked-token", until, counter(attackers, "authenticated upload")));
            pool.submit(() -> slowFilters(until, counter(attackers, "slow filter")));
        }
        Thread.sleep(1_500);
        List<Long> underAttack = bystanderLatencies(Duration.ofSeconds(7));
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        int stillRunning = runningFilterStatements();
        calm.addAll(bystanderLatencies(Duration.ofSeconds(3)));

        System.out.println("bystander alone (before and after): " + summary(calm));
        System.out.println("bystander under attack: " + summary(underAttack));
        System.out.println("attackers' answers:     " + attackers);
        assertThat(percentile(underAttack, 99)).as("bystander p99 (ms) under attack: " + summary(underAttack)
                + ", alone: " + summary(calm)).isLessThan(percentile(calm, 99) + 100);
        assertThat(attackers.get("unauthenticated upload")).containsOnlyKeys(401);
        assertThat(attackers.get("authenticated upload")).containsKey(408).containsOnlyKeys(408, 429);
        assertThat(attackers.get("slow filter")).containsKey(503).containsOnlyKeys(503, 429);
        assertThat(stillRunning).as("H2 sessions still running a filter once every attacker was answered").isZero();
    }

    /** Sequential requests of the bystander directory for the given time; returns each latency in ms. */
    private List<Long> bystanderLatencies(Duration duration) {
        List<Long> latencies = new ArrayList<>();
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            long start = System.nanoTime();
            ScimClient.Response r = latencies.size() % 2 == 0 ? bystander.get("/Users/" + bystanderId)
                    : bystander.get("/Users?count=10");
            latencies.add(millisSince(start));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
        return latencies;
    }

    private void slowUploads(String token, long until, Map<Integer, AtomicInteger> statuses) {
        while (System.nanoTime() < until) {
            try (Socket socket = uploadHeaders(token)) {
                socket.setSoTimeout(50);
                OutputStream out = socket.getOutputStream();
                RawHttp.Response answer = null;
                while (answer == null && System.nanoTime() < until) {
                    try {
                        out.write('{');
                    } catch (IOException closed) {
                        break;
                    }
                    answer = readResponse(socket, 1_000);
                }
                if (answer != null) {
                    statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
                    closedWithin(socket, 3_000);
                }
            } catch (IOException e) {
                statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
            }
            sleep(RETRY_AFTER_MILLIS);
        }
    }

    private void slowFilters(long until, Map<Integer, AtomicInteger> statuses) {
        while (System.nanoTime() < until) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(attacked.base() + SLOW_FILTER))
                        .header("Authorization", "Bearer attacked-token").timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            } catch (IOException e) {
                statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(RETRY_AFTER_MILLIS);
        }
    }

    private Socket uploadHeaders(String token) throws IOException {
        Socket socket = new Socket("localhost", port);
        String head = "POST /scim/v2/attacked/Users HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/scim+json\r\nContent-Length: " + BODY_BYTES + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The response, once its head and body have arrived within {@code millis}; null if nothing came. */
    private static RawHttp.Response readResponse(Socket socket, int millis) throws IOException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        StringBuilder text = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < until) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (complete(text.toString())) {
                    return RawHttp.parse(text.toString().getBytes(StandardCharsets.UTF_8));
                }
            } catch (SocketTimeoutException e) {
                if (text.length() == 0) {
                    return null;
                }
            }
        }
        return text.length() == 0 ? null : RawHttp.parse(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean complete(String text) {
        int head = text.indexOf("\r\n\r\n");
        return head >= 0 && (text.endsWith("0\r\n\r\n") || text.endsWith("}"));
    }

    private static boolean closedWithin(Socket socket, int millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            socket.setSoTimeout(200);
            byte[] buffer = new byte[1024];
            while (System.nanoTime() < until) {
                try {
                    if (socket.getInputStream().read(buffer) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    socket.getOutputStream().write('{');
                }
            }
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private int runningFilterStatements() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()"
                + " AND LOWER(EXECUTING_STATEMENT) LIKE '%scim_attribute_value%'", Integer.class);
    }

    private static Map<Integer, AtomicInteger> counter(Map<String, Map<Integer, AtomicInteger>> all, String name) {
        return all.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String summary(List<Long> latencies) {
        return "n=" + latencies.size() + " p50=" + percentile(latencies, 50) + " ms p95=" + percentile(latencies, 95)
                + " ms p99=" + percentile(latencies, 99) + " ms max=" + Collections.max(latencies) + " ms";
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
