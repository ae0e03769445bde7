import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load tool for scim-bridge: creates users the way Microsoft Entra ID does and reports throughput and latency.
 *
 * <pre>
 * java scripts/LoadTool.java --url http://localhost:8080/scim/v2/demo --token demo-token \
 *      --users 2000 --concurrency 16 [--warmup 200] [--prefix bench] [--mix]
 * </pre>
 *
 * Single file, JDK 17 only (java.net.http). Each user is one task on a fixed pool of --concurrency threads; with
 * --mix a task also finds its user by filter and renames it with an Entra-style PATCH. Requests of the warm-up
 * are not counted in the results. Exit status: 0 when every request got the expected status, 1 when any did not
 * (or the run hit --max-seconds), 2 on a usage error.
 */
public class LoadTool {

    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String SCIM_JSON = "application/scim+json";
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern ONE_RESULT = Pattern.compile("\"totalResults\"\\s*:\\s*1\\b");

    static final String USAGE = """
            Usage: java scripts/LoadTool.java --url URL --token TOKEN [options]

            Creates N distinct users at a given concurrency against a SCIM 2.0 endpoint, Entra-style, and prints
            throughput and latency percentiles. Exits 1 if any request failed.

              --url URL            base URL of one directory                              (required)
                                   e.g. http://localhost:8080/scim/v2/demo
              --token TOKEN        bearer token of that directory                         (required)
              --users N            users to create in the measured run                     (default 1000)
              --concurrency C      requests in flight at once (fixed thread pool)          (default 8)
              --warmup W           users created first and not counted                    (default 0)
              --prefix P           userName is P-<runid>-<n>@example.com                  (default load)
              --mix                per user also: GET /Users?filter=userName eq "..." and
                                   PATCH {"op":"Replace","path":"displayName"} (Entra's default dialect)
              --timeout S          seconds one request may take                           (default 30)
              --connect-timeout S  seconds to open a connection                           (default 5)
              --max-seconds S      stop starting new users after S seconds (each phase)   (default 600)
              --help               this text

            Example:
              java scripts/LoadTool.java --url http://localhost:8080/scim/v2/demo --token demo-token \\
                   --users 2000 --concurrency 16 --warmup 200 --prefix bench
            """;

    record Config(URI base, String token, int users, int concurrency, int warmup, String prefix, boolean mix,
                  Duration timeout, Duration connectTimeout, Duration maxDuration) {}

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = parse(args);
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("error: " + e.getMessage());
                System.err.println();
                System.err.print(USAGE);
                System.exit(2);
            }
            System.out.print(USAGE);
            return;
        }
        System.exit(new LoadTool(config).run() ? 0 : 1);
    }

    // ------------------------------------------------------------------------------------------------- arguments

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static Config parse(String[] args) throws UsageException {
        String url = null, token = null, prefix = "load";
        int users = 1000, concurrency = 8, warmup = 0;
        long timeout = 30, connectTimeout = 5, maxSeconds = 600;
        boolean mix = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) { // --users=2000 works too
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "-h", "--help" -> throw new UsageException(null);
                case "--mix" -> mix = true;
                case "--url", "--token", "--users", "--concurrency", "--warmup", "--prefix", "--timeout",
                        "--connect-timeout", "--max-seconds" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (arg) {
                        case "--url" -> url = value;
                        case "--token" -> token = value;
                        case "--prefix" -> prefix = value;
                        case "--users" -> users = (int) number(arg, value, 1, 10_000_000);
                        case "--concurrency" -> concurrency = (int) number(arg, value, 1, 1024);
                        case "--warmup" -> warmup = (int) number(arg, value, 0, 10_000_000);
                        case "--timeout" -> timeout = number(arg, value, 1, 3600);
                        case "--connect-timeout" -> connectTimeout = number(arg, value, 1, 600);
                        case "--max-seconds" -> maxSeconds = number(arg, value, 1, 86_400);
                        default -> throw new IllegalStateException(arg);
                    }
                }
                default -> throw new UsageException("unknown argument: " + args[i]);
            }
        }
        if (url == null || url.isBlank()) {
            throw new UsageException("--url is required");
        }
        if (token == null || token.isBlank()) {
            throw new UsageException("--token is required");
        }
        if (!prefix.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new UsageException("--prefix must be 1-40 letters, digits, '.', '_' or '-'");
        }
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url is not a URL: " + e.getMessage());
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new UsageException("--url must be an http:// or https:// URL with a host: " + url);
        }
        return new Config(base, token, users, concurrency, warmup, prefix, mix, Duration.ofSeconds(timeout),
                Duration.ofSeconds(connectTimeout), Duration.ofSeconds(maxSeconds));
    }

    static long number(String name, String value, long min, long max) throws UsageException {
        try {
            long n = Long.parseLong(value.trim());
            if (n < min || n > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ": " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number: " + value);
        }
    }

    // -------------------------------------------------------------------------------------------------- recording

    /** Latencies and status counts of one operation (create, find, patch) in one phase. */
    static final class OpStats {
        final String name;
        private final long[] nanos;
        private final AtomicInteger count = new AtomicInteger();
        final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        final Map<String, LongAdder> errorCounts = new ConcurrentHashMap<>();
        final Map<String, String> errorSamples = new ConcurrentHashMap<>();
        final LongAdder errors = new LongAdder();

        OpStats(String name, int capacity) {
            this.name = name;
            this.nanos = new long[capacity];
        }

        void record(long elapsedNanos, String status, boolean ok, String errorDetail) {
            nanos[count.getAndIncrement()] = elapsedNanos;
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (!ok) {
                fail(status, errorDetail);
            }
        }

        /** Counts a request as failed: a wrong status, an exception, or a right status with a wrong body. */
        void fail(String kind, String detail) {
            errors.increment();
            errorCounts.computeIfAbsent(kind, k -> new LongAdder()).increment();
            errorSamples.putIfAbsent(kind, detail == null ? "" : detail);
        }

        int count() {
            return count.get();
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(nanos, count.get());
            Arrays.sort(copy);
            return copy;
        }
    }

    /** Nearest-rank percentile of sorted values, in milliseconds. */
    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
    }

    static String ms(long[] sorted, double p) {
        return sorted.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f", percentileMs(sorted, p));
    }

    // ---------------------------------------------------------------------------------------------------- the run

    final Config config;
    final HttpClient http;
    final String runId = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(UUID.randomUUID().hashCode() & 0xfff, 36);

    LoadTool(Config config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance: measure the server, not the handshake
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Returns true when every request, warm-up included, got the status it should. */
    boolean run() throws InterruptedException {
        System.out.printf("scim-bridge load tool: run %s%n", runId);
        System.out.printf("  target       %s%n", config.base());
        System.out.printf("  users        %d (warm-up %d, not counted), concurrency %d%n",
                config.users(), config.warmup(), config.concurrency());
        System.out.printf("  operations   %s%n", config.mix()
                ? "POST /Users, GET /Users?filter=userName eq, PATCH Replace displayName (per user)"
                : "POST /Users");
        System.out.printf("  timeouts     request %ds, connect %ds, phase %ds%n", config.timeout().toSeconds(),
                config.connectTimeout().toSeconds(), config.maxDuration().toSeconds());

        boolean ok = true;
        if (config.warmup() > 0) {
            Phase warmup = runPhase("w", config.warmup());
            System.out.printf("%nwarm-up: %d requests in %.2f s, %d errors%n",
                    warmup.requests(), warmup.seconds, warmup.errors());
            if (warmup.errors() > 0) {
                printErrors(warmup);
            }
            ok = warmup.errors() == 0 && warmup.notStarted == 0;
        }
        Phase measured = runPhase("", config.users());
        printResults(measured);
        return ok && measured.errors() == 0 && measured.notStarted == 0;
    }

    final class Phase {
        final OpStats create, find, patch;
        double seconds;
        int notStarted;

        Phase(int users) {
            create = new OpStats("create", users);
            find = new OpStats("find", users);
            patch = new OpStats("patch", users);
        }

        List<OpStats> ops() {
            return config.mix() ? List.of(create, find, patch) : List.of(create);
        }

        long requests() {
            return ops().stream().mapToLong(OpStats::count).sum();
        }

        long errors() {
            return ops().stream().mapToLong(o -> o.errors.sum()).sum();
        }
    }

    Phase runPhase(String tag, int users) throws InterruptedException {
        Phase phase = new Phase(users);
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "load-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long deadline = System.nanoTime() + config.maxDuration().toNanos();
        AtomicInteger skipped = new AtomicInteger();
        long start = System.nanoTime();
        for (int n = 1; n <= users; n++) {
            int userNumber = n;
            pool.execute(() -> {
                if (System.nanoTime() > deadline) {
                    skipped.incrementAndGet();
                    return;
                }
                oneUser(phase, tag + userNumber);
            });
        }
        pool.shutdown();
        // Each request is bounded by --timeout, so the pool drains shortly after the deadline.
        long grace = config.maxDuration().toNanos() + 3 * config.timeout().toNanos() + TimeUnit.SECONDS.toNanos(10);
        if (!pool.awaitTermination(grace, TimeUnit.NANOSECONDS)) {
            pool.shutdownNow();
            System.err.println("warning: requests still running after the phase deadline; abandoning them");
        }
        phase.seconds = (System.nanoTime() - start) / 1e9;
        phase.notStarted = skipped.get();
        if (phase.notStarted > 0) {
            System.err.printf("warning: --max-seconds %d reached; %d users were not created%n",
                    config.maxDuration().toSeconds(), phase.notStarted);
        }
        return phase;
    }

    /** POST one user; with --mix, then find it by userName and rename it. */
    void oneUser(Phase phase, String n) {
        String userName = config.prefix() + "-" + runId + "-" + n + "@example.com";
        Response created = send(phase.create, "POST", "/Users", userJson(userName, n), 201);
        if (!config.mix() || created == null) {
            return;
        }
        Matcher id = ID.matcher(created.body);
        if (!id.find()) {
            phase.create.fail("201 without id", "POST /Users -> " + truncate(created.body));
            return;
        }
        String filter = URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8)
                .replace("+", "%20");
        Response found = send(phase.find, "GET", "/Users?filter=" + filter, null, 200);
        if (found != null && !ONE_RESULT.matcher(found.body).find()) {
            phase.find.fail("200, totalResults!=1", "GET /Users?filter=" + filter + " -> " + truncate(found.body));
        }
        send(phase.patch, "PATCH", "/Users/" + id.group(1), patchJson("Renamed " + n), 200, 204);
    }

    record Response(int status, String body) {}

    /** Sends one request and records it; returns the response if its status was expected, else null. */
    Response send(OpStats stats, String method, String path, String body, int... expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.base() + path))
                .timeout(config.timeout())
                .header("Authorization", "Bearer " + config.token())
                .header("Accept", SCIM_JSON)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", SCIM_JSON + "; charset=utf-8");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - start;
            boolean ok = Arrays.stream(expected).anyMatch(s -> s == response.statusCode());
            stats.record(elapsed, Integer.toString(response.statusCode()), ok,
                    method + " " + path + " -> " + truncate(response.body()));
            return ok ? new Response(response.statusCode(), response.body()) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stats.record(System.nanoTime() - start, "interrupted", false, method + " " + path);
            return null;
        } catch (Exception e) { // timeouts, refused connections, resets
            stats.record(System.nanoTime() - start, e.getClass().getSimpleName(), false,
                    method + " " + path + " -> " + e);
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------- payloads

    static String userJson(String userName, String n) {
        String given = "Load";
        String family = "User " + n;
        return """
                {
                  "schemas": ["%s", "%s"],
                  "externalId": "%s",
                  "userName": "%s",
                  "active": true,
                  "displayName": "%s %s",
                  "emails": [{"primary": true, "type": "work", "value": "%s"}],
                  "meta": {"resourceType": "User"},
                  "name": {"formatted": "%s %s", "familyName": "%s", "givenName": "%s"},
                  "roles": [],
                  "%s": {"department": "Department %d"}
                }""".formatted(CORE_USER, ENTERPRISE_USER, UUID.randomUUID(), json(userName), json(given),
                json(family), json(userName), json(given), json(family), json(family), json(given), ENTERPRISE_USER,
                Math.floorMod(n.hashCode(), 20));
    }

    static String patchJson(String displayName) {
        return """
                {"schemas": ["%s"], "Operations": [{"op": "Replace", "path": "displayName", "value": "%s"}]}"""
                .formatted(PATCH_OP, json(displayName));
    }

    static String json(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static String truncate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }

    // ------------------------------------------------------------------------------------------------- reporting

    void printResults(Phase phase) {
        long total = phase.requests();
        long errors = phase.errors();
        System.out.println();
        System.out.println("results");
        System.out.printf("  total        %d requests (%d users)%n", total, phase.create.count());
        System.out.printf("  ok           %d%n", total - errors);
        System.out.printf("  errors       %d%n", errors);
        if (phase.notStarted > 0) {
            System.out.printf("  not started  %d users (--max-seconds reached)%n", phase.notStarted);
        }
        for (OpStats op : phase.ops()) {
            System.out.printf("  status       %-7s %s%n", op.name, statusLine(op));
        }
        System.out.printf(Locale.ROOT, "  elapsed      %.3f s%n", phase.seconds);
        System.out.printf(Locale.ROOT, "  throughput   %.1f req/s%n", total / phase.seconds);
        if (errors > 0) {
            printErrors(phase);
        }
        System.out.println();
        System.out.println("latency (ms, every completed request, nearest rank)");
        System.out.printf("  %-8s %8s %8s %9s %9s %9s %9s %10s%n",
                "op", "count", "errors", "p50", "p95", "p99", "max", "req/s");
        for (OpStats op : phase.ops()) {
            long[] sorted = op.sorted();
            System.out.printf(Locale.ROOT, "  %-8s %8d %8d %9s %9s %9s %9s %10.1f%n",
                    op.name, sorted.length, op.errors.sum(), ms(sorted, 50), ms(sorted, 95), ms(sorted, 99),
                    ms(sorted, 100), sorted.length / phase.seconds);
        }
        System.out.println();
        List<String> problems = new ArrayList<>();
        if (errors > 0) {
            problems.add(errors + " requests failed");
        }
        if (phase.notStarted > 0) {
            problems.add(phase.notStarted + " users not started (--max-seconds)");
        }
        System.out.println(problems.isEmpty() ? "OK: every request succeeded" : "FAILED: " + String.join(", ", problems));
    }

    static String statusLine(OpStats op) {
        Map<String, Long> sorted = new TreeMap<>();
        op.statuses.forEach((k, v) -> sorted.put(k, v.sum()));
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    void printErrors(Phase phase) {
        System.out.println("  errors by status (count, then the first response of each kind):");
        for (OpStats op : phase.ops()) {
            new TreeMap<>(op.errorCounts).forEach((kind, n) -> System.out.printf("    %-7s %-22s x%-6d %s%n",
                    op.name, kind, n.sum(), op.errorSamples.getOrDefault(kind, "")));
        }
    }
}
