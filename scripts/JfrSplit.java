import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording of the bridge spent its CPU, by component: HTTP (Tomcat), Camel, JSON (Jackson), the SQL
 * driver or engine, the connection pool, Spring, the bridge's own code, logging. Single file, JDK only:
 *
 * <pre>
 * java scripts/JfrSplit.java recording.jfr [more.jfr ...]
 * </pre>
 *
 * Each execution sample is charged to the component of its innermost frame outside the JDK ({@code java.*},
 * {@code jdk.*}, {@code sun.*}), so a HashMap lookup made by Camel counts as Camel ("self"). "Inclusive" is the share
 * of samples with the component anywhere on the stack. Also: time blocked on sockets (the database's answers, for
 * PostgreSQL), monitors and parks, and GC pauses, as JFR recorded them above its thresholds.
 */
public class JfrSplit {

    static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("org.postgresql.", "SQL: PostgreSQL driver");
        COMPONENTS.put("org.h2.", "SQL: H2 engine");
        COMPONENTS.put("com.zaxxer.hikari.", "connection pool (Hikari)");
        COMPONENTS.put("com.fasterxml.jackson.", "JSON (Jackson)");
        COMPONENTS.put("org.apache.camel.", "Camel");
        COMPONENTS.put("org.apache.catalina.", "HTTP (Tomcat)");
        COMPONENTS.put("org.apache.coyote.", "HTTP (Tomcat)");
        COMPONENTS.put("org.apache.tomcat.", "HTTP (Tomcat)");
        COMPONENTS.put("org.springframework.jdbc.", "Spring JDBC + transactions");
        COMPONENTS.put("org.springframework.transaction.", "Spring JDBC + transactions");
        COMPONENTS.put("org.springframework.", "Spring (web, beans, other)");
        COMPONENTS.put("org.scimbridge.", "scim-bridge code");
        COMPONENTS.put("io.micrometer.", "metrics (Micrometer)");
        COMPONENTS.put("ch.qos.logback.", "logging");
        COMPONENTS.put("org.slf4j.", "logging");
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java scripts/JfrSplit.java recording.jfr [more.jfr ...]");
            System.exit(2);
        }
        for (String file : args) {
            report(Path.of(file));
        }
    }

    static boolean isJdk(String type) {
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("com.sun.");
    }

    static String component(String type) {
        for (Map.Entry<String, String> e : COMPONENTS.entrySet()) {
            if (type.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        String[] parts = type.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : type;
    }

    /**
     * What a blocking event waited for. Parks of idle pool threads (Tomcat's acceptors and workers waiting for a
     * request, the Camel and Hikari housekeepers) are not waits of a request, so they are left out.
     */
    static String blockingKey(String name, RecordedEvent event) {
        if (name.equals("jdk.JavaMonitorEnter")) {
            return "monitor " + event.getClass("monitorClass").getName();
        }
        if (!name.equals("jdk.ThreadPark")) {
            return name;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null) {
            return null;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            String method = frame.getMethod().getName();
            if (type.startsWith("com.zaxxer.hikari.pool.HikariPool") && method.equals("getConnection")) {
                return "park: waiting for a pooled connection";
            }
            if (type.startsWith("org.h2.")) {
                return "park: in H2 (locks)";
            }
            if (type.contains("ThreadPoolExecutor") && method.equals("getTask")
                    || type.startsWith("org.apache.tomcat.util.threads.TaskQueue")
                    || type.contains("ScheduledThreadPoolExecutor")) {
                return null; // an idle thread waiting for work
            }
        }
        return "park: other (" + stack.getFrames().get(Math.min(3, stack.getFrames().size() - 1)).getMethod()
                .getType().getName() + ")";
    }

    static void report(Path file) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, long[]> blocking = new LinkedHashMap<>(); // what was waited for -> {count, total nanos}
        int samples = 0;
        double cpuJvm = 0, cpuMachine = 0;
        int cpuEvents = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String name = event.getEventType().getName();
            switch (name) {
                case "jdk.ExecutionSample" -> {
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null) {
                        continue;
                    }
                    samples++;
                    String charged = null;
                    Set<String> seen = new HashSet<>();
                    List<RecordedFrame> frames = stack.getFrames();
                    if (!frames.isEmpty()) {
                        RecordedFrame leaf = frames.get(0);
                        topFrames.merge(leaf.getMethod().getType().getName() + "." + leaf.getMethod().getName(), 1,
                                Integer::sum);
                    }
                    for (RecordedFrame frame : frames) {
                        String type = frame.getMethod().getType().getName();
                        if (isJdk(type)) {
                            continue;
                        }
                        String c = component(type);
                        if (charged == null) {
                            charged = c;
                        }
                        seen.add(c);
                    }
                    self.merge(charged == null ? "JDK only (threads, I/O, GC helpers)" : charged, 1, Integer::sum);
                    seen.forEach(c -> inclusive.merge(c, 1, Integer::sum));
                }
                case "jdk.SocketRead", "jdk.SocketWrite", "jdk.JavaMonitorEnter", "jdk.ThreadPark",
                        "jdk.GarbageCollection" -> {
                    String key = blockingKey(name, event);
                    if (key == null) {
                        continue;
                    }
                    long[] acc = blocking.computeIfAbsent(key, k -> new long[2]);
                    acc[0]++;
                    acc[1] += name.equals("jdk.GarbageCollection")
                            ? event.getDuration("sumOfPauses").toNanos() : event.getDuration().toNanos();
                }
                case "jdk.CPULoad" -> {
                    cpuJvm += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                    cpuMachine += event.getFloat("machineTotal");
                    cpuEvents++;
                }
                default -> {
                }
            }
        }
        System.out.printf("%n== %s: %d execution samples%n", file.getFileName(), samples);
        if (cpuEvents > 0) {
            System.out.printf(Locale.ROOT, "CPU: this JVM %.0f%% of the machine, the machine %.0f%% busy (2 cores = 100%%)%n",
                    100 * cpuJvm / cpuEvents, 100 * cpuMachine / cpuEvents);
        }
        System.out.println("| component | self | inclusive |");
        System.out.println("|---|---|---|");
        int total = Math.max(1, samples);
        self.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).forEach(e -> System.out.printf(
                Locale.ROOT, "| %s | %.1f%% | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / total,
                100.0 * inclusive.getOrDefault(e.getKey(), e.getValue()) / total));
        System.out.println("top leaf frames:");
        topFrames.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12).forEach(e ->
                System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
        System.out.println("waits and pauses (JFR records those above its thresholds, 10-20 ms), longest first:");
        blocking.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(8)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-60s %7d events %10.1f ms in all%n", e.getKey(),
                        e.getValue()[0], e.getValue()[1] / 1e6));
    }
}
