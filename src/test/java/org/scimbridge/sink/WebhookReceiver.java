package org.scimbridge.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook receiver as a team would write one from the README: it verifies {@code X-Scim-Bridge-Signature}
 * (HMAC-SHA256 over {@code <t>.<body>}, constant-time compare, at most 5 minutes old) and answers 401 when it does
 * not match; it can be told to fail the next deliveries (503) or to refuse some (422). It keeps every delivery
 * it accepted, in arrival order.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

    /** One accepted delivery: its id header and its parsed body. */
    public record Delivery(String id, JsonNode body) {
    }

    private final HttpServer server;
    private final String secret;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Delivery> accepted = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final Map<String, Integer> attemptsById = new ConcurrentHashMap<>();
    private volatile Predicate<JsonNode> refuse = body -> false;

    public WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/hook";
    }

    /** The next {@code n} deliveries get 503 (the sink must retry them, never park them). */
    public void failNext(int n) {
        failNext.set(n);
    }

    /** Deliveries whose body matches get 422 (the sink must park them) until this is changed. */
    public void refuse(Predicate<JsonNode> which) {
        refuse = which;
    }

    public List<Delivery> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    public int failed() {
        return failed.get();
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    /** How often a delivery id was received, accepted or not. */
    public int attempts(String id) {
        return attemptsById.getOrDefault(id, 0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String body = new String(raw, StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("X-Scim-Bridge-Delivery");
        attemptsById.merge(String.valueOf(id), 1, Integer::sum);
        if (!"POST".equals(exchange.getRequestMethod()) || !verified(exchange.getRequestHeaders()
                .getFirst("X-Scim-Bridge-Signature"), body)) {
            badSignatures.incrementAndGet();
            respond(exchange, 401);
            return;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failed.incrementAndGet();
            respond(exchange, 503);
            return;
        }
        JsonNode parsed = json.readTree(body);
        if (refuse.test(parsed)) {
            respond(exchange, 422);
            return;
        }
        accepted.add(new Delivery(id, parsed));
        respond(exchange, 204);
    }

    /** The check a receiver does: same HMAC (in constant time) over "<t>.<body>", timestamp within 5 minutes. */
    boolean verified(String header, String body) {
        if (header == null) {
            return false;
        }
        Matcher m = SIGNATURE.matcher(header);
        if (!m.matches()) {
            return false;
        }
        long t = Long.parseLong(m.group(1));
        if (Math.abs(Instant.now().getEpochSecond() - t) > 300) {
            return false;
        }
        String expected = HmacSigner.signature(body, secret, t);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
