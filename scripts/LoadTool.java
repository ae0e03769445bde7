import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.Control;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.PagedResultsControl;
import javax.naming.ldap.PagedResultsResponseControl;

/**
 * Load tool for scim-bridge: sends what Microsoft Entra ID sends and reports throughput and latency per operation.
 *
 * <pre>
 * java scripts/LoadTool.java --url http://localhost:8080/scim/v2/demo --token demo-token \
 *      [--workload create|phases|entra-initial|entra-incremental|mixed-read|cost-curve] [options]
 * </pre>
 *
 * Single file, JDK 17 only (java.net.http, javax.naming for LDAP, java.awt headless for the cost-curve plot).
 * A workload is a sequence of stages; a stage runs its tasks on a fixed pool of --concurrency threads and reports
 * count, rate, p50/p95/p99 and errors per operation, plus one machine-readable {@code RESULT} line each
 * (scripts/side-by-side.sh reads those). Given --ldap-url, the tool then times how long the LDAP directory takes
 * to hold every user and group of the run with its members. Exit status: 0 when every request got the expected
 * answer (and LDAP converged, when asked), 1 otherwise, 2 on a usage error.
 */
public class LoadTool {

    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String SCIM_JSON = "application/scim+json";
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern TOTAL = Pattern.compile("\"totalResults\"\\s*:\\s*(\\d+)");
    static final List<String> WORKLOADS = List.of("create", "phases", "entra-initial", "entra-incremental",
            "mixed-read", "cost-curve");

    static final String USAGE = """
            Usage: java scripts/LoadTool.java --url URL --token TOKEN [--workload W] [options]

            Sends Entra-shaped SCIM 2.0 traffic to one directory and prints, per operation, count, rate,
            p50/p95/p99 latency and errors. Exits 1 if any request failed. Only point it at your own server.

            Workloads (--workload, default create):
              create             POST N users (with --mix also a filter GET and a Replace displayName PATCH each)
              phases             four stages of N requests each: POST /Users, GET by userName eq,
                                 PATCH active, GET a page of 10 (the side-by-side comparison's phases)
              entra-initial      an initial cycle for N users and M groups: match GET before each create,
                                 POST, memberships (half the groups one member per PATCH, half in batches
                                 of up to 100), manager PATCHes
              entra-incremental  entra-initial as set-up, then per user one of: PATCH in the default dialect,
                                 PATCH in the aadOptscim062020 dialect, disable, disable + re-enable, a member
                                 removal (both dialects)
              mixed-read         N users and M groups as set-up, then --requests R reads: filters on userName,
                                 externalId and work email, GET by id, pages, group match
              cost-curve         grows the directory to each of --sizes and measures, one client at a time:
                                 filters, page at start and at depth, PATCH, member add/remove per group size,
                                 DELETE of a user in 100 groups; writes CSV, Markdown and a PNG plot to --out

              --url URL            base URL of one directory                              (required)
                                   e.g. http://localhost:8080/scim/v2/demo
              --token TOKEN        bearer token of that directory                         (required)
              --workload W         one of the workloads above                             (default create)
              --users N            users of the run (per stage for phases)                (default 1000)
              --groups M           groups (entra-initial, entra-incremental, mixed-read)  (default 20)
              --group-size S       members per group                                      (default 50)
              --requests R         reads of mixed-read                                    (default 5 x N)
              --concurrency C      requests in flight at once (fixed thread pool)          (default 8)
              --warmup W           create: users first created and not counted; phases: W requests of
                                   each phase first, not counted                          (default 0)
              --prefix P           userName is P-<runid>-<n>@example.com                  (default load)
              --mix                create workload: per user also a filter GET and a PATCH
              --timeout S          seconds one request may take                           (default 30)
              --connect-timeout S  seconds to open a connection                           (default 5)
              --max-seconds S      stop starting new tasks after S seconds (each stage)   (default 600)
              --progress S         a progress line on stderr every S seconds, 0 = none    (default 5)
              --seed N             seed of the random choices (mixed-read, cost-curve)    (default 1)
              --stage-hook CMD     runs `CMD start STAGE` before and `CMD end STAGE` after each stage,
                                   and waits for it (scripts/profile.sh starts and stops its recorders)

            LDAP convergence (after the workload; javax.naming, simple bind):
              --ldap-url URL       e.g. ldap://127.0.0.1:1389; turns the check on
              --ldap-bind-dn DN    --ldap-password PW    --ldap-base DN (search base)
              --ldap-user-attr A   attribute that holds the userName                      (default uid)
              --ldap-group-attr A  attribute that holds the group displayName             (default cn)
              --ldap-timeout S     give up after S seconds                                (default 600)

            cost-curve:
              --sizes LIST         directory sizes, ascending                  (default 1000,10000,100000)
              --group-sizes LIST   members of the measured groups (each made once the
                                   directory holds that many users)             (default 10,1000,50000)
              --samples K          samples per measure and size (median, p95)  (default 20)
              --delete-samples K   samples of the DELETE of a user in 100 groups (default 5)
              --out DIR            where cost-curve.csv, .md and .png go       (default target/cost-curve)
              --help               this text

            Example:
              java scripts/LoadTool.java --url http://localhost:8080/scim/v2/demo --token demo-token \\
                   --workload phases --users 2000 --concurrency 8 --warmup 200
            """;

    record Config(URI base, String token, String workload, int users, int groups, int groupSize, int requests,
                  int concurrency, int warmup, String prefix, boolean mix, Duration timeout, Duration connectTimeout,
                  Duration maxDuration, int progressSeconds, long seed, Ldap ldap, List<Integer> sizes,
                  List<Integer> groupSizes, int samples, int deleteSamples, Path out, String stageHook) {}

    record Ldap(String url, String bindDn, String password, String base, String userAttr, String groupAttr,
                Duration timeout) {}

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

    static final Set<String> VALUED = Set.of("--url", "--token", "--workload", "--users", "--groups",
            "--group-size", "--requests", "--concurrency", "--warmup", "--prefix", "--timeout", "--connect-timeout",
            "--max-seconds", "--progress", "--seed", "--ldap-url", "--ldap-bind-dn", "--ldap-password",
            "--ldap-base", "--ldap-user-attr", "--ldap-group-attr", "--ldap-timeout", "--sizes", "--group-sizes",
            "--samples", "--delete-samples", "--out", "--stage-hook");

    static Config parse(String[] args) throws UsageException {
        Map<String, String> v = new HashMap<>();
        boolean mix = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) { // --users=2000 works too
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new UsageException(null);
            } else if (arg.equals("--mix")) {
                mix = true;
            } else if (VALUED.contains(arg)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(arg + " needs a value");
                    }
                    value = args[++i];
                }
                v.put(arg, value);
            } else {
                throw new UsageException("unknown argument: " + args[i]);
            }
        }
        String url = v.get("--url");
        String token = v.get("--token");
        String prefix = v.getOrDefault("--prefix", "load");
        if (url == null || url.isBlank()) {
            throw new UsageException("--url is required");
        }
        if (token == null || token.isBlank()) {
            throw new UsageException("--token is required");
        }
        if (!prefix.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new UsageException("--prefix must be 1-40 letters, digits, '.', '_' or '-'");
        }
        String workload = v.getOrDefault("--workload", "create");
        if (!WORKLOADS.contains(workload)) {
            throw new UsageException("--workload must be one of " + String.join(", ", WORKLOADS));
        }
        if (mix && !workload.equals("create")) {
            throw new UsageException("--mix belongs to the create workload");
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
        int users = (int) number(v, "--users", 1000, 1, 10_000_000);
        Ldap ldap = null;
        if (v.containsKey("--ldap-url")) {
            if (!v.containsKey("--ldap-base")) {
                throw new UsageException("--ldap-url needs --ldap-base");
            }
            ldap = new Ldap(v.get("--ldap-url"), v.get("--ldap-bind-dn"), v.get("--ldap-password"),
                    v.get("--ldap-base"), v.getOrDefault("--ldap-user-attr", "uid"),
                    v.getOrDefault("--ldap-group-attr", "cn"),
                    Duration.ofSeconds(number(v, "--ldap-timeout", 600, 1, 86_400)));
        }
        return new Config(base, token, workload, users, (int) number(v, "--groups", 20, 0, 1_000_000),
                (int) number(v, "--group-size", 50, 0, 1_000_000),
                (int) number(v, "--requests", 5L * users, 1, 100_000_000),
                (int) number(v, "--concurrency", 8, 1, 1024), (int) number(v, "--warmup", 0, 0, 10_000_000),
                prefix, mix, Duration.ofSeconds(number(v, "--timeout", 30, 1, 3600)),
                Duration.ofSeconds(number(v, "--connect-timeout", 5, 1, 600)),
                Duration.ofSeconds(number(v, "--max-seconds", 600, 1, 86_400)),
                (int) number(v, "--progress", 5, 0, 3600), number(v, "--seed", 1, Long.MIN_VALUE, Long.MAX_VALUE),
                ldap, list(v, "--sizes", "1000,10000,100000"), list(v, "--group-sizes", "10,1000,50000"),
                (int) number(v, "--samples", 20, 1, 100_000), (int) number(v, "--delete-samples", 5, 0, 10_000),
                Path.of(v.getOrDefault("--out", "target/cost-curve")), v.get("--stage-hook"));
    }

    static long number(Map<String, String> values, String name, long fallback, long min, long max)
            throws UsageException {
        String value = values.get(name);
        return value == null ? fallback : number(name, value, min, max);
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

    static List<Integer> list(Map<String, String> values, String name, String fallback) throws UsageException {
        List<Integer> out = new ArrayList<>();
        for (String part : values.getOrDefault(name, fallback).split(",")) {
            out.add((int) number(name, part, 1, 10_000_000));
        }
        List<Integer> sorted = new ArrayList<>(out);
        Collections.sort(sorted);
        if (!sorted.equals(out)) {
            throw new UsageException(name + " must be ascending: " + values.get(name));
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------------- recording

    /** Latencies and status counts of one operation in one stage. */
    static final class OpStats {
        final String name;
        private long[] nanos = new long[1024];
        private int count;
        final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        final Map<String, LongAdder> errorCounts = new ConcurrentHashMap<>();
        final Map<String, String> errorSamples = new ConcurrentHashMap<>();
        final LongAdder errors = new LongAdder();

        OpStats(String name) {
            this.name = name;
        }

        void record(long elapsedNanos, String status, boolean ok, String errorDetail) {
            synchronized (this) {
                if (count == nanos.length) {
                    nanos = Arrays.copyOf(nanos, count * 2);
                }
                nanos[count++] = elapsedNanos;
            }
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

        synchronized int count() {
            return count;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(nanos, count);
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

    /** One stage of a workload: its tasks, their operations in order of first use, and its wall-clock time. */
    static final class Stage {
        final String name;
        final int tasks;
        final Map<String, OpStats> ops = Collections.synchronizedMap(new LinkedHashMap<>());
        final AtomicInteger done = new AtomicInteger();
        double seconds;
        int notStarted;

        Stage(String name, int tasks) {
            this.name = name;
            this.tasks = tasks;
        }

        OpStats op(String op) {
            return ops.computeIfAbsent(op, OpStats::new);
        }

        List<OpStats> opList() {
            synchronized (ops) {
                return new ArrayList<>(ops.values());
            }
        }

        long requests() {
            return opList().stream().mapToLong(OpStats::count).sum();
        }

        long errors() {
            return opList().stream().mapToLong(o -> o.errors.sum()).sum();
        }
    }

    // ---------------------------------------------------------------------------------------------------- the run

    final Config config;
    final HttpClient http;
    final String runId = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(UUID.randomUUID().hashCode() & 0xfff, 36);
    final List<Stage> stages = new ArrayList<>();
    /** What LDAP should hold at the end: userNames, and each group's displayName with its members' userNames. */
    final Set<String> expectedUsers = ConcurrentHashMap.newKeySet();
    final Map<String, Set<String>> expectedGroups = new ConcurrentHashMap<>();

    LoadTool(Config config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance: measure the server, not the handshake
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Returns true when every request, warm-up included, got the answer it should (and LDAP converged). */
    boolean run() throws Exception {
        System.out.printf("scim-bridge load tool: run %s%n", runId);
        System.out.printf("  target       %s%n", config.base());
        System.out.printf("  workload     %s%n", config.workload());
        System.out.printf("  size         %s%n", sizeLine());
        System.out.printf("  timeouts     request %ds, connect %ds, stage %ds%n", config.timeout().toSeconds(),
                config.connectTimeout().toSeconds(), config.maxDuration().toSeconds());
        switch (config.workload()) {
            case "create" -> new CreateWorkload().run();
            case "phases" -> new PhasesWorkload().run();
            case "entra-initial" -> new EntraWorkload().initial(false);
            case "entra-incremental" -> new EntraWorkload().incremental();
            case "mixed-read" -> new MixedReadWorkload().run();
            case "cost-curve" -> new CostCurve().run();
            default -> throw new IllegalStateException(config.workload());
        }
        boolean ok = stages.stream().allMatch(s -> s.errors() == 0 && s.notStarted == 0);
        if (config.ldap() != null && !config.workload().equals("cost-curve")) {
            ok &= new LdapConvergence(config.ldap()).await();
        }
        System.out.println();
        List<String> problems = new ArrayList<>();
        long errors = stages.stream().mapToLong(Stage::errors).sum();
        int notStarted = stages.stream().mapToInt(s -> s.notStarted).sum();
        if (errors > 0) {
            problems.add(errors + " requests failed");
        }
        if (notStarted > 0) {
            problems.add(notStarted + " tasks not started (--max-seconds)");
        }
        if (!ok && problems.isEmpty()) {
            problems.add("LDAP did not converge");
        }
        System.out.println(problems.isEmpty() ? "OK: every request succeeded" : "FAILED: " + String.join(", ", problems));
        return ok;
    }

    String sizeLine() {
        return switch (config.workload()) {
            case "create" -> String.format("%d users (warm-up %d, not counted), concurrency %d%s", config.users(),
                    config.warmup(), config.concurrency(), config.mix()
                            ? "; per user POST /Users, GET /Users?filter=userName eq, PATCH Replace displayName"
                            : "; POST /Users");
            case "phases" -> String.format("%d requests a phase (warm-up %d a phase), concurrency %d",
                    config.users(), config.warmup(), config.concurrency());
            case "mixed-read" -> String.format("%d users, %d groups of %d, then %d reads, concurrency %d",
                    config.users(), config.groups(), config.groupSize(), config.requests(), config.concurrency());
            case "cost-curve" -> String.format("sizes %s, group sizes %s, %d samples (%d for DELETE), grown at"
                    + " concurrency %d", config.sizes(), config.groupSizes(), config.samples(),
                    config.deleteSamples(), config.concurrency());
            default -> String.format("%d users, %d groups of %d, concurrency %d", config.users(), config.groups(),
                    config.groupSize(), config.concurrency());
        };
    }

    /** Runs task(0..tasks-1) on the pool, with the stage deadline and a progress line; prints the stage. */
    Stage stage(String name, int tasks, IntConsumer task) throws InterruptedException {
        return stage(name, tasks, config.concurrency(), true, task);
    }

    Stage stage(String name, int tasks, int concurrency, boolean report, IntConsumer task)
            throws InterruptedException {
        Stage stage = new Stage(name, tasks);
        current = stage;
        hook("start", name);
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "load-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long deadline = start + config.maxDuration().toNanos();
        AtomicInteger skipped = new AtomicInteger();
        Thread progress = progress(stage, start);
        for (int n = 0; n < tasks; n++) {
            int taskNumber = n;
            pool.execute(() -> {
                if (System.nanoTime() > deadline) {
                    skipped.incrementAndGet();
                    return;
                }
                try {
                    task.accept(taskNumber);
                } catch (RuntimeException e) {
                    stage.op("tool").fail(e.getClass().getSimpleName(), String.valueOf(e));
                } finally {
                    stage.done.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        // Each request is bounded by --timeout, so the pool drains shortly after the deadline.
        long grace = config.maxDuration().toNanos() + 3 * config.timeout().toNanos() + TimeUnit.SECONDS.toNanos(10);
        if (!pool.awaitTermination(grace, TimeUnit.NANOSECONDS)) {
            pool.shutdownNow();
            System.err.println("warning: requests still running after the stage deadline; abandoning them");
        }
        if (progress != null) {
            progress.interrupt();
        }
        stage.seconds = (System.nanoTime() - start) / 1e9;
        hook("end", name);
        stage.notStarted = skipped.get();
        if (stage.notStarted > 0) {
            System.err.printf("warning: --max-seconds %d reached in stage %s; %d tasks were not started%n",
                    config.maxDuration().toSeconds(), name, stage.notStarted);
        }
        stages.add(stage);
        if (report) {
            printStage(stage);
        }
        return stage;
    }

    /** Runs --stage-hook, if given, and waits for it; its output goes to ours. */
    void hook(String event, String stage) throws InterruptedException {
        if (config.stageHook() == null) {
            return;
        }
        try {
            int status = new ProcessBuilder("bash", "-c", config.stageHook() + " " + event + " " + stage).inheritIO()
                    .start().waitFor();
            if (status != 0) {
                System.err.printf("warning: --stage-hook %s %s exited with %d%n", event, stage, status);
            }
        } catch (IOException e) {
            System.err.println("warning: --stage-hook failed: " + e);
        }
    }

    Thread progress(Stage stage, long start) {
        if (config.progressSeconds() == 0) {
            return null;
        }
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(config.progressSeconds() * 1000L);
                    double s = (System.nanoTime() - start) / 1e9;
                    System.err.printf(Locale.ROOT, "[progress] %-18s %8d/%-8d tasks %8.1f req/s  errors %d%n",
                            stage.name, stage.done.get(), stage.tasks, stage.requests() / s, stage.errors());
                }
            } catch (InterruptedException e) {
                // stage over
            }
        }, "progress");
        t.setDaemon(true);
        t.start();
        return t;
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

    /** POST, and the id of what was created, or null (counted as failed) when there is none. */
    String create(OpStats stats, String endpoint, String body) {
        Response created = send(stats, "POST", endpoint, body, 201);
        if (created == null) {
            return null;
        }
        Matcher id = ID.matcher(created.body());
        if (!id.find()) {
            stats.fail("201 without id", "POST " + endpoint + " -> " + truncate(created.body()));
            return null;
        }
        return id.group(1);
    }

    /** GET a list; counts it as failed unless totalResults is as expected (any when expected is negative). */
    Response list(OpStats stats, String pathAndQuery, long expectedTotal) {
        Response found = send(stats, "GET", pathAndQuery, null, 200);
        if (found != null && expectedTotal >= 0) {
            Matcher total = TOTAL.matcher(found.body());
            if (!total.find() || Long.parseLong(total.group(1)) != expectedTotal) {
                stats.fail("200, totalResults!=" + expectedTotal, "GET " + pathAndQuery + " -> "
                        + truncate(found.body()));
            }
        }
        return found;
    }

    long totalResults(OpStats stats, String endpoint) {
        Response r = send(stats, "GET", endpoint + "?startIndex=1&count=1", null, 200);
        if (r == null) {
            return -1;
        }
        Matcher total = TOTAL.matcher(r.body());
        return total.find() ? Long.parseLong(total.group(1)) : -1;
    }

    String patch(OpStats stats, String endpoint, String id, String body) {
        Response r = send(stats, "PATCH", endpoint + "/" + id, body, 200, 204);
        return r == null ? null : id;
    }

    static String filter(String expression) {
        return "filter=" + URLEncoder.encode(expression, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String eq(String path, String value) {
        return filter(path + " eq \"" + json(value) + "\"");
    }

    String userName(String n) {
        return config.prefix() + "-" + runId + "-" + n + "@example.com";
    }

    String groupName(String n) {
        return config.prefix() + "-" + runId + "-" + n;
    }

    // --------------------------------------------------------------------------------------------- the population

    /** The users and groups a workload created, by number; ids as the server gave them. */
    final class Population {
        final String[] userNames;
        final String[] userIds;
        final String[] externalIds;
        final String[] groupNames;
        final String[] groupIds;
        final List<List<Integer>> groupMembers = new ArrayList<>();

        Population(String tag, int users, int groups) {
            userNames = new String[users];
            userIds = new String[users];
            externalIds = new String[users];
            for (int i = 0; i < users; i++) {
                userNames[i] = userName(tag + i);
                externalIds[i] = UUID.randomUUID().toString();
            }
            groupNames = new String[groups];
            groupIds = new String[groups];
            for (int g = 0; g < groups; g++) {
                groupNames[g] = groupName(tag + "g" + g);
                groupMembers.add(new ArrayList<>());
            }
        }

        /** Group g holds groupSize consecutive users starting at g * groupSize, wrapping around. */
        void assignMembers(int groupSize) {
            int users = userNames.length;
            for (int g = 0; g < groupNames.length; g++) {
                Set<Integer> members = new LinkedHashSet<>();
                for (int j = 0; j < Math.min(groupSize, users); j++) {
                    members.add((int) (((long) g * groupSize + j) % users));
                }
                groupMembers.get(g).addAll(members);
            }
        }

        String user(int i) {
            return userJson(userNames[i], externalIds[i], Integer.toString(i));
        }

        /** Creates every user with concurrency; a user whose create failed keeps a null id. */
        void createUsers(Stage stage, boolean matchFirst, int i) {
            if (matchFirst) {
                list(stage.op("match-user"), "/Users?" + eq("userName", userNames[i]), 0);
            }
            userIds[i] = create(stage.op("create-user"), "/Users", user(i));
            if (userIds[i] != null) {
                expectedUsers.add(userNames[i]);
            }
        }

        void createGroup(Stage stage, boolean matchFirst, int g) {
            if (matchFirst) {
                list(stage.op("match-group"), "/Groups?excludedAttributes=members&" + eq("displayName",
                        groupNames[g]), 0);
            }
            groupIds[g] = create(stage.op("create-group"), "/Groups", groupJson(groupNames[g]));
            if (groupIds[g] != null) {
                expectedGroups.put(groupNames[g], ConcurrentHashMap.newKeySet());
            }
        }

        /** Member PATCHes of every group: even groups one member per PATCH, odd groups in batches of 100. */
        List<int[]> memberPatches() {
            List<List<int[]>> perGroup = new ArrayList<>();
            for (int g = 0; g < groupNames.length; g++) {
                List<int[]> patches = new ArrayList<>();
                List<Integer> members = groupMembers.get(g);
                int batch = g % 2 == 0 ? 1 : 100;
                for (int from = 0; from < members.size(); from += batch) {
                    patches.add(new int[] {g, from, Math.min(members.size(), from + batch)});
                }
                perGroup.add(patches);
            }
            // round-robin over the groups, so requests in flight at once mostly touch different groups
            List<int[]> all = new ArrayList<>();
            for (int k = 0; ; k++) {
                boolean any = false;
                for (List<int[]> patches : perGroup) {
                    if (k < patches.size()) {
                        all.add(patches.get(k));
                        any = true;
                    }
                }
                if (!any) {
                    return all;
                }
            }
        }

        void addMembers(Stage stage, int[] patch) {
            int g = patch[0];
            List<String> ids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int k = patch[1]; k < patch[2]; k++) {
                int u = groupMembers.get(g).get(k);
                if (userIds[u] != null) {
                    ids.add(userIds[u]);
                    names.add(userNames[u]);
                }
            }
            if (groupIds[g] == null || ids.isEmpty()) {
                return;
            }
            String op = ids.size() == 1 && patch[2] - patch[1] == 1 ? "member-add-1" : "member-add-batch";
            if (patch(stage.op(op), "/Groups", groupIds[g], addMembersJson(ids)) != null) {
                expectedGroups.get(groupNames[g]).addAll(names);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ workloads

    /** The original workload: POST N users (with --mix, a find and a rename each), after an uncounted warm-up. */
    final class CreateWorkload {
        void run() throws InterruptedException {
            if (config.warmup() > 0) {
                Stage warmup = stage("warm-up", config.warmup(), config.concurrency(), false,
                        i -> oneUser(current, "w" + (i + 1), false));
                System.out.printf("%nwarm-up: %d requests in %.2f s, %d errors%n", warmup.requests(),
                        warmup.seconds, warmup.errors());
                if (warmup.errors() > 0) {
                    printErrors(warmup);
                }
            }
            stage("measured", config.users(), config.concurrency(), false,
                    i -> oneUser(current, Integer.toString(i + 1), true));
            printResults(current);
        }

        /** POST one user; with --mix, then find it by userName and rename it. */
        void oneUser(Stage stage, String n, boolean expectInLdap) {
            OpStats create = stage.op("create");
            OpStats find = config.mix() ? stage.op("find") : null;
            OpStats patch = config.mix() ? stage.op("patch") : null;
            String userName = userName(n);
            String id = LoadTool.this.create(create, "/Users", userJson(userName, UUID.randomUUID().toString(), n));
            if (id == null) {
                return;
            }
            if (expectInLdap) {
                expectedUsers.add(userName);
            }
            if (!config.mix()) {
                return;
            }
            list(find, "/Users?" + eq("userName", userName), 1);
            LoadTool.this.patch(patch, "/Users", id, replaceJson("displayName", "\"Renamed " + json(n) + "\""));
        }
    }

    /** The stage being run: stages run one after the other, and their tasks record into it. */
    private volatile Stage current;

    /** The four phases, one stage each: create N users, find each, PATCH each one's active, read pages. */
    final class PhasesWorkload {
        void run() throws InterruptedException {
            if (config.warmup() > 0) {
                Population warm = new Population("w", config.warmup(), 0);
                phase("warm-up-create", warm, false, i -> warm.userIds[i] = create(current.op("create"), "/Users",
                        warm.user(i)));
                phase("warm-up-find", warm, false, i -> list(current.op("find"), "/Users?" + eq("userName",
                        warm.userNames[i]), 1));
                phase("warm-up-patch", warm, false, i -> patchActive(warm, i));
                phase("warm-up-page", warm, false, i -> page(i, 10));
                System.out.printf("%nwarm-up: %d requests of each phase, %d errors%n", config.warmup(),
                        stages.stream().filter(s -> s.name.startsWith("warm-up")).mapToLong(Stage::errors).sum());
            }
            Population p = new Population("", config.users(), 0);
            phase("create", p, true, i -> {
                p.userIds[i] = create(current.op("create"), "/Users", p.user(i));
                if (p.userIds[i] != null) {
                    expectedUsers.add(p.userNames[i]);
                }
            });
            phase("find", p, true, i -> list(current.op("find"), "/Users?" + eq("userName", p.userNames[i]), 1));
            phase("patch-active", p, true, i -> patchActive(p, i));
            long total = Math.max(10, totalResults(new OpStats("count"), "/Users"));
            phase("page", p, true, i -> page(i, total));
        }

        void phase(String name, Population p, boolean report, IntConsumer task) throws InterruptedException {
            int n = p.userNames.length;
            stage(name, n, config.concurrency(), report, task);
        }

        /** Entra's disable in its default dialect: capitalised Replace, the string "False". */
        void patchActive(Population p, int i) {
            if (p.userIds[i] == null) {
                current.op("patch-active").fail("no id", "the user's create failed");
                return;
            }
            patch(current.op("patch-active"), "/Users", p.userIds[i], replaceJson("active", "\"False\""));
        }

        /** Page i of 10, spread over the whole directory. */
        void page(int i, long total) {
            long start = 1 + (10L * i) % Math.max(1, total - 9);
            list(current.op("page"), "/Users?startIndex=" + start + "&count=10", -1);
        }
    }

    /** Entra's initial cycle, and the incremental cycles after it. */
    final class EntraWorkload {
        Population initial(boolean setup) throws InterruptedException {
            String tag = setup ? "setup-" : "";
            Population p = new Population("", config.users(), config.groups());
            p.assignMembers(config.groupSize());
            stage(tag + "users", config.users(), i -> p.createUsers(current, true, i));
            stage(tag + "groups", config.groups(), g -> p.createGroup(current, true, g));
            List<int[]> patches = p.memberPatches();
            stage(tag + "memberships", patches.size(), k -> p.addMembers(current, patches.get(k)));
            // manager tree of fan-out 10: user i reports to user (i - 1) / 10
            stage(tag + "managers", Math.max(0, config.users() - 1), k -> {
                int i = k + 1;
                int manager = (i - 1) / 10;
                if (p.userIds[i] != null && p.userIds[manager] != null) {
                    patch(current.op("manager"), "/Users", p.userIds[i], addJson(ENTERPRISE_USER + ":manager",
                            "\"" + p.userIds[manager] + "\""));
                }
            });
            return p;
        }

        void incremental() throws InterruptedException {
            Population p = initial(true);
            stage("incremental", config.users(), i -> change(p, i));
        }

        /** One incremental change of user i, chosen by i mod 5. */
        void change(Population p, int i) {
            String id = p.userIds[i];
            if (id == null) {
                return;
            }
            String n = Integer.toString(i);
            switch (i % 5) {
                case 0 -> patch(current.op("patch-default"), "/Users", id, defaultDialectJson(n));
                case 1 -> patch(current.op("patch-flag"), "/Users", id, flagDialectJson(n));
                case 2 -> patch(current.op("disable"), "/Users", id, replaceJson("active", "\"False\""));
                case 3 -> {
                    if (patch(current.op("disable"), "/Users", id, replaceJson("active", "false")) != null) {
                        patch(current.op("enable"), "/Users", id, replaceJson("active", "\"True\""));
                    }
                }
                default -> removeFromOneGroup(p, i);
            }
        }

        void removeFromOneGroup(Population p, int i) {
            for (int g = 0; g < p.groupNames.length; g++) {
                if (p.groupIds[g] != null && p.groupMembers.get(g).contains(i)) {
                    String body = (i / 5) % 2 == 0 ? removeMemberDefaultJson(p.userIds[i])
                            : removeMemberFlagJson(p.userIds[i]);
                    if (patch(current.op("member-remove"), "/Groups", p.groupIds[g], body) != null) {
                        expectedGroups.get(p.groupNames[g]).remove(p.userNames[i]);
                    }
                    return;
                }
            }
        }
    }

    /** Reads only, in Entra's proportions and then some, over a population made first. */
    final class MixedReadWorkload {
        void run() throws InterruptedException {
            Population p = new Population("", config.users(), config.groups());
            p.assignMembers(config.groupSize());
            stage("setup-users", config.users(), i -> p.createUsers(current, false, i));
            stage("setup-groups", config.groups(), g -> p.createGroup(current, false, g));
            List<int[]> patches = p.memberPatches();
            stage("setup-memberships", patches.size(), k -> p.addMembers(current, patches.get(k)));
            long total = Math.max(10, totalResults(new OpStats("count"), "/Users"));
            stage("reads", config.requests(), k -> read(p, k, total));
        }

        void read(Population p, int k, long total) {
            SplittableRandom random = new SplittableRandom(config.seed() * 1_000_003L + k);
            int i = random.nextInt(p.userNames.length);
            int kind = random.nextInt(100);
            if (kind < 40) {
                list(current.op("filter-userName"), "/Users?" + eq("userName", p.userNames[i]), 1);
            } else if (kind < 60) {
                if (p.userIds[i] != null) {
                    send(current.op("get-by-id"), "GET", "/Users/" + p.userIds[i], null, 200);
                }
            } else if (kind < 70) {
                list(current.op("filter-externalId"), "/Users?" + eq("externalId", p.externalIds[i]), 1);
            } else if (kind < 80) {
                list(current.op("filter-work-email"), "/Users?" + filter("emails[type eq \"work\"].value eq \""
                        + p.userNames[i] + "\""), 1);
            } else if (kind < 90) {
                long start = 1 + random.nextLong(Math.max(1, total - 9));
                list(current.op("page"), "/Users?startIndex=" + start + "&count=10", -1);
            } else if (p.groupNames.length > 0) {
                int g = random.nextInt(p.groupNames.length);
                list(current.op("filter-group"), "/Groups?excludedAttributes=members&" + eq("displayName",
                        p.groupNames[g]), 1);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- cost curve

    /** Grows one directory step by step and measures single requests at each size. */
    final class CostCurve {
        static final int DELETE_GROUPS = 100;
        final List<String> userNames = new ArrayList<>();
        final List<String> userIds = new ArrayList<>();
        final Map<Integer, String> groupIds = new LinkedHashMap<>();
        final List<String> carrierGroups = new ArrayList<>();
        /** Users in no measured group: the ones added to and removed from a group, whatever its size. */
        final List<String> outsiders = new ArrayList<>();
        final List<String[]> rows = new ArrayList<>(); // size, measure, samples, p50, p95, max, directory total
        final SplittableRandom random = new SplittableRandom(config.seed());

        void run() throws Exception {
            Files.createDirectories(config.out());
            Stage carriers = stage("grow-delete-groups", DELETE_GROUPS, i -> {
                String id = create(current.op("create-group"), "/Groups", groupJson(groupName("dg" + i)));
                if (id != null) {
                    synchronized (carrierGroups) {
                        carrierGroups.add(id);
                    }
                }
            });
            stage("grow-outsiders", config.samples(), i -> {
                String id = create(current.op("create-user"), "/Users", userJson(userName("outsider-" + i),
                        UUID.randomUUID().toString(), "o" + i));
                if (id != null) {
                    synchronized (outsiders) {
                        outsiders.add(id);
                    }
                }
            });
            for (int size : config.sizes()) {
                grow(size);
                for (int groupSize : config.groupSizes()) {
                    if (groupSize <= size && !groupIds.containsKey(groupSize)) {
                        makeGroup(groupSize);
                    }
                }
                measure(size);
                writeReport();
            }
            System.out.printf("%ncost curve written to %s (cost-curve.csv, cost-curve.md, cost-curve.png)%n",
                    config.out());
            if (carriers.errors() > 0) {
                System.err.println("warning: some delete-carrier groups were not created");
            }
        }

        void grow(int size) throws InterruptedException {
            int from = userNames.size();
            if (size <= from) {
                return;
            }
            String[] names = new String[size - from];
            String[] ids = new String[size - from];
            Stage s = stage("grow-to-" + size, size - from, i -> {
                names[i] = userName(Integer.toString(from + i));
                ids[i] = create(current.op("create-user"), "/Users",
                        userJson(names[i], UUID.randomUUID().toString(), Integer.toString(from + i)));
            });
            for (int i = 0; i < names.length; i++) {
                if (ids[i] != null) {
                    userNames.add(names[i]);
                    userIds.add(ids[i]);
                }
            }
            rows.add(row(size, "create (grow, concurrency " + config.concurrency() + ")", s.op("create-user"),
                    s.seconds));
        }

        void makeGroup(int groupSize) throws InterruptedException {
            String id = create(new OpStats("create-group"), "/Groups", groupJson(groupName("gs" + groupSize)));
            if (id == null) {
                System.err.println("warning: could not create the group of " + groupSize);
                return;
            }
            groupIds.put(groupSize, id);
            List<String> members = new ArrayList<>(userIds.subList(0, Math.min(groupSize, userIds.size())));
            int batches = (members.size() + 99) / 100;
            // one group: its PATCHes serialize on its row lock anyway, so send them one at a time
            stage("fill-group-" + groupSize, batches, 1, true, b -> patch(current.op("member-add-batch"), "/Groups",
                    id, addMembersJson(members.subList(b * 100, Math.min(members.size(), (b + 1) * 100)))));
        }

        void measure(int size) throws InterruptedException {
            long total = totalResults(new OpStats("count"), "/Users");
            Stage s = stage("measure-at-" + size, 1, 1, false, ignored -> {
                OpStats f = current.op("GET filter userName eq");
                OpStats e = current.op("GET filter emails[type eq work].value eq");
                OpStats p0 = current.op("GET page of 10 at start");
                OpStats pd = current.op("GET page of 10 at depth");
                OpStats patch = current.op("PATCH one attribute");
                for (int k = 0; k < config.samples(); k++) {
                    int i = random.nextInt(userIds.size());
                    list(f, "/Users?" + eq("userName", userNames.get(i)), 1);
                    list(e, "/Users?" + filter("emails[type eq \"work\"].value eq \"" + userNames.get(i) + "\""), 1);
                    list(p0, "/Users?startIndex=1&count=10", -1);
                    list(pd, "/Users?startIndex=" + Math.max(1, total - 9) + "&count=10", -1);
                    LoadTool.this.patch(patch, "/Users", userIds.get(i), replaceJson("displayName",
                            "\"Cost " + size + " " + k + "\""));
                }
                for (Map.Entry<Integer, String> group : groupIds.entrySet()) {
                    OpStats add = current.op("add one member, group of " + group.getKey());
                    OpStats remove = current.op("remove one member, group of " + group.getKey());
                    for (String candidate : outsiders) {
                        LoadTool.this.patch(add, "/Groups", group.getValue(), addMembersJson(List.of(candidate)));
                        LoadTool.this.patch(remove, "/Groups", group.getValue(), removeMemberDefaultJson(candidate));
                    }
                }
                OpStats delete = current.op("DELETE a user in 100 groups");
                OpStats setup = new OpStats("setup");
                for (int k = 0; k < config.deleteSamples(); k++) {
                    String victim = create(setup, "/Users", userJson(userName("victim-" + size + "-" + k),
                            UUID.randomUUID().toString(), "v" + k));
                    if (victim == null) {
                        continue;
                    }
                    for (String g : carrierGroups) {
                        LoadTool.this.patch(setup, "/Groups", g, addMembersJson(List.of(victim)));
                    }
                    send(delete, "DELETE", "/Users/" + victim, null, 204, 200);
                }
                if (setup.errors.sum() > 0) {
                    current.op("DELETE a user in 100 groups").fail("set-up failed", "creating or adding the victim");
                }
            });
            printStage(s);
            for (OpStats op : s.opList()) {
                rows.add(row(size, op.name, op, Double.NaN, total));
            }
        }

        String[] row(int size, String measure, OpStats op, double seconds) {
            return row(size, measure, op, seconds, -1);
        }

        String[] row(int size, String measure, OpStats op, double seconds, long total) {
            long[] sorted = op.sorted();
            String rate = Double.isNaN(seconds) ? "" : String.format(Locale.ROOT, "%.1f", sorted.length / seconds);
            return new String[] {Integer.toString(size), measure, Integer.toString(sorted.length), ms(sorted, 50),
                    ms(sorted, 95), ms(sorted, 100), Long.toString(op.errors.sum()), rate,
                    total < 0 ? "" : Long.toString(total)};
        }

        void writeReport() throws IOException {
            StringBuilder csv = new StringBuilder("users,measure,samples,p50_ms,p95_ms,max_ms,errors,rate_per_s,"
                    + "directory_total\n");
            for (String[] r : rows) {
                csv.append(String.join(",", Arrays.stream(r).map(c -> c.contains(",") ? "\"" + c + "\"" : c)
                        .toList())).append('\n');
            }
            Files.writeString(config.out().resolve("cost-curve.csv"), csv);
            Map<String, Map<Integer, String>> table = new LinkedHashMap<>();
            Set<Integer> sizes = new java.util.TreeSet<>();
            for (String[] r : rows) {
                int size = Integer.parseInt(r[0]);
                sizes.add(size);
                String cell = r[7].isEmpty() ? r[3] + " ms" : r[7] + " /s";
                table.computeIfAbsent(r[1], k -> new TreeMap<>()).put(size, cell + (r[6].equals("0") ? ""
                        : " (" + r[6] + " errors)"));
            }
            StringBuilder md = new StringBuilder("| measure (median of " + config.samples() + ", one client) |");
            sizes.forEach(s -> md.append(' ').append(String.format(Locale.ROOT, "%,d", s)).append(" users |"));
            md.append("\n|---|").append("---|".repeat(sizes.size())).append('\n');
            table.forEach((measure, cells) -> {
                md.append("| ").append(measure).append(" |");
                sizes.forEach(s -> md.append(' ').append(cells.getOrDefault(s, "")).append(" |"));
                md.append('\n');
            });
            Files.writeString(config.out().resolve("cost-curve.md"), md);
            plot(config.out().resolve("cost-curve.png"));
        }

        /** p50 latency per measure against directory size, log-log, drawn with java.awt (headless). */
        void plot(Path png) throws IOException {
            System.setProperty("java.awt.headless", "true");
            Map<String, TreeMap<Integer, Double>> series = new LinkedHashMap<>();
            for (String[] r : rows) {
                if (r[7].isEmpty() && !r[3].equals("-")) {
                    series.computeIfAbsent(r[1], k -> new TreeMap<>()).put(Integer.parseInt(r[0]),
                            Double.parseDouble(r[3]));
                }
            }
            int w = 1100, h = 700, left = 80, right = 380, top = 50, bottom = 70;
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            double minX = config.sizes().get(0), maxX = config.sizes().get(config.sizes().size() - 1);
            if (maxX <= minX) {
                maxX = minX * 10;
            }
            double minY = series.values().stream().flatMap(m -> m.values().stream()).mapToDouble(d -> d)
                    .filter(d -> d > 0).min().orElse(1);
            double maxY = series.values().stream().flatMap(m -> m.values().stream()).mapToDouble(d -> d).max()
                    .orElse(10);
            minY = Math.pow(10, Math.floor(Math.log10(Math.max(0.01, minY))));
            maxY = Math.pow(10, Math.ceil(Math.log10(Math.max(minY * 10, maxY))));
            int plotW = w - left - right, plotH = h - top - bottom;
            double lx0 = Math.log10(minX), lx1 = Math.log10(maxX), ly0 = Math.log10(minY), ly1 = Math.log10(maxY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(new Color(225, 225, 225));
            for (double y = minY; y <= maxY * 1.0001; y *= 10) {
                int py = top + plotH - (int) ((Math.log10(y) - ly0) / (ly1 - ly0) * plotH);
                g.drawLine(left, py, left + plotW, py);
                g.setColor(Color.DARK_GRAY);
                g.drawString(y >= 1 ? String.format(Locale.ROOT, "%.0f", y) : String.format(Locale.ROOT, "%.2f", y),
                        10, py + 5);
                g.setColor(new Color(225, 225, 225));
            }
            for (int size : config.sizes()) {
                int px = left + (int) ((Math.log10(size) - lx0) / (lx1 - lx0) * plotW);
                g.drawLine(px, top, px, top + plotH);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%,d", size), px - 20, top + plotH + 20);
                g.setColor(new Color(225, 225, 225));
            }
            g.setColor(Color.BLACK);
            g.drawRect(left, top, plotW, plotH);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("scim-bridge cost curve: median latency (ms, log) against users in the directory (log)",
                    left, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString("users in the directory", left + plotW / 2 - 60, h - 25);
            Color[] palette = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
                    new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
                    new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
                    new Color(23, 190, 207), Color.BLACK, new Color(0, 0, 128)};
            int k = 0;
            for (Map.Entry<String, TreeMap<Integer, Double>> s : series.entrySet()) {
                Color c = palette[k % palette.length];
                g.setColor(c);
                g.setStroke(new BasicStroke(2f));
                int[] prev = null;
                for (Map.Entry<Integer, Double> point : s.getValue().entrySet()) {
                    int px = left + (int) ((Math.log10(point.getKey()) - lx0) / (lx1 - lx0) * plotW);
                    int py = top + plotH - (int) ((Math.log10(Math.max(minY, point.getValue())) - ly0)
                            / (ly1 - ly0) * plotH);
                    g.fillOval(px - 4, py - 4, 8, 8);
                    if (prev != null) {
                        g.drawLine(prev[0], prev[1], px, py);
                    }
                    prev = new int[] {px, py};
                }
                int ly = top + 10 + k * 20;
                g.fillRect(left + plotW + 15, ly, 14, 4);
                g.setColor(Color.BLACK);
                g.drawString(s.getKey(), left + plotW + 35, ly + 6);
                k++;
            }
            g.dispose();
            ImageIO.write(image, "png", png.toFile());
        }
    }

    // ------------------------------------------------------------------------------------------ LDAP convergence

    /** Polls the LDAP directory until it holds every user and group of the run with exactly its members. */
    final class LdapConvergence {
        final Ldap ldap;

        LdapConvergence(Ldap ldap) {
            this.ldap = ldap;
        }

        boolean await() throws InterruptedException {
            long start = System.nanoTime();
            long deadline = start + ldap.timeout().toNanos();
            int memberships = expectedGroups.values().stream().mapToInt(Set::size).sum();
            System.out.printf("%nLDAP convergence: waiting for %d users, %d groups, %d memberships in %s%n",
                    expectedUsers.size(), expectedGroups.size(), memberships, ldap.url());
            String last = "";
            while (true) {
                try {
                    last = difference();
                    if (last.isEmpty()) {
                        double s = (System.nanoTime() - start) / 1e9;
                        System.out.printf(Locale.ROOT, "  converged    %.2f s after the last request%n", s);
                        System.out.printf(Locale.ROOT, "RESULT stage=ldap op=converged count=%d errors=0 seconds=%.3f%n",
                                expectedUsers.size() + expectedGroups.size(), s);
                        return true;
                    }
                } catch (NamingException e) {
                    last = "LDAP error: " + e;
                }
                if (System.nanoTime() > deadline) {
                    System.out.printf("  NOT converged after %d s: %s%n", ldap.timeout().toSeconds(), last);
                    System.out.printf("RESULT stage=ldap op=converged count=0 errors=1 seconds=-1%n");
                    return false;
                }
                if (config.progressSeconds() > 0 && (System.nanoTime() - start) / 1_000_000_000L
                        % config.progressSeconds() == 0) {
                    System.err.println("[progress] ldap: " + last);
                }
                Thread.sleep(250);
            }
        }

        /** What LDAP lacks or has too much of, in words; empty when it matches the run. */
        String difference() throws NamingException {
            String runPrefix = config.prefix() + "-" + runId + "-";
            LdapContext ctx = connect();
            try {
                Map<LdapName, String> dnToUser = new HashMap<>();
                Map<String, String> uidToUser = new HashMap<>();
                for (SearchResult r : search(ctx, "(" + ldap.userAttr() + "=" + runPrefix + "*)",
                        ldap.userAttr())) {
                    Attribute a = r.getAttributes().get(ldap.userAttr());
                    for (int i = 0; a != null && i < a.size(); i++) {
                        String value = String.valueOf(a.get(i));
                        if (expectedUsers.contains(value)) {
                            dnToUser.put(new LdapName(r.getNameInNamespace()), value);
                            uidToUser.put(value.toLowerCase(Locale.ROOT), value);
                        }
                    }
                }
                long missingUsers = expectedUsers.stream().filter(u -> !uidToUser.containsKey(u.toLowerCase(Locale.ROOT)))
                        .count();
                Map<String, Set<String>> found = new HashMap<>();
                for (SearchResult r : search(ctx, "(" + ldap.groupAttr() + "=" + runPrefix + "*)", ldap.groupAttr(),
                        "member", "uniqueMember", "memberUid")) {
                    Attribute name = r.getAttributes().get(ldap.groupAttr());
                    Set<String> members = new HashSet<>();
                    for (String attr : List.of("member", "uniqueMember", "memberUid")) {
                        Attribute a = r.getAttributes().get(attr);
                        for (int i = 0; a != null && i < a.size(); i++) {
                            String value = String.valueOf(a.get(i));
                            String user = attr.equals("memberUid") ? uidToUser.get(value.toLowerCase(Locale.ROOT))
                                    : dnToUser.get(parse(value));
                            if (user != null) {
                                members.add(user);
                            }
                        }
                    }
                    for (int i = 0; name != null && i < name.size(); i++) {
                        found.put(String.valueOf(name.get(i)), members);
                    }
                }
                long missingGroups = 0, wrongGroups = 0;
                for (Map.Entry<String, Set<String>> group : expectedGroups.entrySet()) {
                    Set<String> members = found.get(group.getKey());
                    if (members == null) {
                        missingGroups++;
                    } else if (!members.equals(group.getValue())) {
                        wrongGroups++;
                    }
                }
                if (missingUsers + missingGroups + wrongGroups == 0) {
                    return "";
                }
                return String.format("%d of %d users missing, %d of %d groups missing, %d with other members",
                        missingUsers, expectedUsers.size(), missingGroups, expectedGroups.size(), wrongGroups);
            } finally {
                ctx.close();
            }
        }

        LdapName parse(String dn) {
            try {
                return new LdapName(dn);
            } catch (NamingException e) {
                return null;
            }
        }

        LdapContext connect() throws NamingException {
            Hashtable<String, Object> env = new Hashtable<>();
            env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
            env.put(Context.PROVIDER_URL, ldap.url());
            env.put("com.sun.jndi.ldap.connect.timeout", "5000");
            env.put("com.sun.jndi.ldap.read.timeout", "60000");
            if (ldap.bindDn() != null) {
                env.put(Context.SECURITY_AUTHENTICATION, "simple");
                env.put(Context.SECURITY_PRINCIPAL, ldap.bindDn());
                env.put(Context.SECURITY_CREDENTIALS, ldap.password() == null ? "" : ldap.password());
            }
            return new InitialLdapContext(env, null);
        }

        /** A subtree search in pages of 500 (RFC 2696), so big runs pass the server's size limit. */
        List<SearchResult> search(LdapContext ctx, String filter, String... attributes) throws NamingException {
            SearchControls controls = new SearchControls();
            controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
            controls.setReturningAttributes(attributes);
            List<SearchResult> results = new ArrayList<>();
            byte[] cookie = null;
            try {
                do {
                    ctx.setRequestControls(new Control[] {new PagedResultsControl(500, cookie, Control.CRITICAL)});
                    NamingEnumeration<SearchResult> page = ctx.search(ldap.base(), filter, controls);
                    while (page.hasMore()) {
                        results.add(page.next());
                    }
                    cookie = null;
                    Control[] response = ctx.getResponseControls();
                    for (int i = 0; response != null && i < response.length; i++) {
                        if (response[i] instanceof PagedResultsResponseControl paged) {
                            cookie = paged.getCookie();
                        }
                    }
                } while (cookie != null && cookie.length > 0);
            } catch (IOException e) {
                throw new NamingException("paged results control: " + e);
            }
            return results;
        }
    }

    // ------------------------------------------------------------------------------------------------- payloads

    static String userJson(String userName, String externalId, String n) {
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
                }""".formatted(CORE_USER, ENTERPRISE_USER, json(externalId), json(userName), json(given),
                json(family), json(userName), json(given), json(family), json(family), json(given), ENTERPRISE_USER,
                Math.floorMod(n.hashCode(), 20));
    }

    /** Entra's group create: no members (they follow by PATCH), and Microsoft's extra schema URN. */
    static String groupJson(String displayName) {
        return """
                {"schemas": ["%s", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId": "%s", "displayName": "%s", "meta": {"resourceType": "Group"}}"""
                .formatted(CORE_GROUP, UUID.randomUUID(), json(displayName));
    }

    static String patchBody(String operations) {
        return "{\"schemas\": [\"" + PATCH_OP + "\"], \"Operations\": [" + operations + "]}";
    }

    /** Entra's default dialect: capitalised Replace with a path; value is raw JSON. */
    static String replaceJson(String path, String jsonValue) {
        return patchBody("{\"op\": \"Replace\", \"path\": \"" + json(path) + "\", \"value\": " + jsonValue + "}");
    }

    static String addJson(String path, String jsonValue) {
        return patchBody("{\"op\": \"Add\", \"path\": \"" + json(path) + "\", \"value\": " + jsonValue + "}");
    }

    static String addMembersJson(List<String> ids) {
        StringBuilder values = new StringBuilder();
        for (String id : ids) {
            values.append(values.length() == 0 ? "" : ", ").append("{\"$ref\": null, \"value\": \"")
                    .append(json(id)).append("\"}");
        }
        return patchBody("{\"op\": \"Add\", \"path\": \"members\", \"value\": [" + values + "]}");
    }

    static String removeMemberDefaultJson(String id) {
        return patchBody("{\"op\": \"Remove\", \"path\": \"members\", \"value\": [{\"value\": \"" + json(id)
                + "\"}]}");
    }

    static String removeMemberFlagJson(String id) {
        return patchBody("{\"op\": \"remove\", \"path\": \"members[value eq \\\"" + json(id) + "\\\"]\"}");
    }

    /** Fixture 12's shape: one capitalised Replace per attribute, a filtered email path, a URN path. */
    static String defaultDialectJson(String n) {
        return patchBody(String.join(", ",
                "{\"op\": \"Replace\", \"path\": \"displayName\", \"value\": \"Changed " + n + "\"}",
                "{\"op\": \"Replace\", \"path\": \"name.givenName\", \"value\": \"Given " + n + "\"}",
                "{\"op\": \"Replace\", \"path\": \"name.familyName\", \"value\": \"Family " + n + "\"}",
                "{\"op\": \"Replace\", \"path\": \"" + ENTERPRISE_USER + ":department\", \"value\": \"Dept " + n
                        + "\"}"));
    }

    /** Fixture 13's shape (aadOptscim062020): lower-case replace, one path-less map whose keys are paths. */
    static String flagDialectJson(String n) {
        return patchBody("{\"op\": \"replace\", \"value\": {\"displayName\": \"Flag " + n
                + "\", \"name.givenName\": \"Given " + n + "\", \"" + ENTERPRISE_USER + ":department\": \"Flag dept "
                + n + "\"}}");
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

    /** The create workload's report, as it always was. */
    void printResults(Stage stage) {
        long total = stage.requests();
        long errors = stage.errors();
        List<OpStats> ops = stage.opList();
        System.out.println();
        System.out.println("results");
        System.out.printf("  total        %d requests (%d users)%n", total, stage.op("create").count());
        System.out.printf("  ok           %d%n", total - errors);
        System.out.printf("  errors       %d%n", errors);
        if (stage.notStarted > 0) {
            System.out.printf("  not started  %d users (--max-seconds reached)%n", stage.notStarted);
        }
        for (OpStats op : ops) {
            System.out.printf("  status       %-7s %s%n", op.name, statusLine(op));
        }
        System.out.printf(Locale.ROOT, "  elapsed      %.3f s%n", stage.seconds);
        System.out.printf(Locale.ROOT, "  throughput   %.1f req/s%n", total / stage.seconds);
        if (errors > 0) {
            printErrors(stage);
        }
        System.out.println();
        printLatency(stage);
    }

    void printStage(Stage stage) {
        System.out.println();
        System.out.printf(Locale.ROOT, "stage %s: %d tasks, %d requests in %.3f s (%.1f req/s), %d errors%n",
                stage.name, stage.tasks, stage.requests(), stage.seconds, stage.requests() / stage.seconds,
                stage.errors());
        if (stage.errors() > 0) {
            printErrors(stage);
        }
        printLatency(stage);
    }

    void printLatency(Stage stage) {
        System.out.println("latency (ms, every completed request, nearest rank)");
        int width = Math.max(18, stage.opList().stream().mapToInt(o -> o.name.length()).max().orElse(0));
        System.out.printf("  %-" + width + "s %8s %8s %9s %9s %9s %9s %10s%n",
                "op", "count", "errors", "p50", "p95", "p99", "max", "req/s");
        for (OpStats op : stage.opList()) {
            long[] sorted = op.sorted();
            System.out.printf(Locale.ROOT, "  %-" + width + "s %8d %8d %9s %9s %9s %9s %10.1f%n",
                    op.name, sorted.length, op.errors.sum(), ms(sorted, 50), ms(sorted, 95), ms(sorted, 99),
                    ms(sorted, 100), sorted.length / stage.seconds);
        }
        for (OpStats op : stage.opList()) {
            long[] sorted = op.sorted();
            System.out.printf(Locale.ROOT, "RESULT stage=%s op=%s count=%d errors=%d rate=%.1f p50=%s p95=%s p99=%s%n",
                    stage.name, op.name.replaceAll("[^A-Za-z0-9.\\[\\]_-]", "_"), sorted.length, op.errors.sum(),
                    sorted.length / stage.seconds, ms(sorted, 50), ms(sorted, 95), ms(sorted, 99));
        }
    }

    static String statusLine(OpStats op) {
        Map<String, Long> sorted = new TreeMap<>();
        op.statuses.forEach((k, v) -> sorted.put(k, v.sum()));
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    void printErrors(Stage stage) {
        System.out.println("  errors by status (count, then the first response of each kind):");
        for (OpStats op : stage.opList()) {
            new TreeMap<>(op.errorCounts).forEach((kind, n) -> System.out.printf("    %-18s %-22s x%-6d %s%n",
                    op.name, kind, n.sum(), op.errorSamples.getOrDefault(kind, "")));
        }
    }
}
