package org.scimbridge.hardening;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of hostile requests for {@link BadInputSuiteTest}: the same seed gives the same cases, so a
 * failure is reproduced with {@code -Dbadinput.seed=<seed> -Dbadinput.cases=<n>}. Each case is the exact bytes of
 * one HTTP/1.1 request (one per connection) and the category it belongs to (issue 11.5).
 */
final class BadInputGenerator {

    enum Category {
        MALFORMED_JSON, TRUNCATED_JSON, INVALID_UTF8, CONTROL_BYTES_IN_BODY, WRONG_TYPES, HUGE_STRINGS, DEEP_NESTING,
        DUPLICATE_KEYS, CONTENT_TYPES, FRAMING, METHODS, HEADER_ODDITIES, PATH_TRICKS, FILTER_GARBAGE, SORT_GARBAGE,
        RANDOM_PATCH, PAGING
    }

    /** One request: its bytes, the probe value a reflected header would carry (or null), and how it was made. */
    record Case(Category category, byte[] request, String probe, String summary) {
    }

    static final String[] USER_ATTRIBUTES = {"userName", "externalId", "active", "displayName", "nickName", "title",
            "userType", "preferredLanguage", "locale", "timezone", "name", "name.givenName", "name.familyName",
            "emails", "phoneNumbers", "addresses", "roles", "groups",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "schemas", "id", "meta"};
    static final String[] GROUP_ATTRIBUTES = {"displayName", "externalId", "members", "schemas", "id", "meta"};
    static final String[] REFLECTABLE = {"ETag", "Location", "Retry-After", "WWW-Authenticate", "Content-Type",
            "Cache-Control", "Set-Cookie", "X-Frame-Options", "Allow", "Link"};
    private static final String[] INJECTIONS = {"' OR '1'='1", "\" or \"1\"=\"1", "'; DROP TABLE scim_resource; --",
            "x') UNION SELECT * FROM scim_resource --", "*)(uid=*))(|(uid=*", "admin)(&)", "*", "\\2a\\28\\29",
            "%27%20OR%201=1", "${jndi:ldap://x/a}", "{{7*7}}", "../../etc/passwd", "\u0000", "\\u0000", "$where",
            "1; SELECT pg_sleep(10)", "') OR 1=1 --", "\\", "\"\\\"", "'", "\""};
    private static final String[] FILTER_OPS = {"eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "EQ",
            "Eq", "and", "or", "not", "xx", "==", "="};
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
            "CONNECT", "PROPFIND", "MKCOL", "LOCK", "COPY", "MOVE", "FOO", "get", "Post", "G\u00c9T", "PRI", "QUERY",
            "X-MS-ENUMATTS", "SEARCH", "BREW"};

    private final Random random;
    private final String directory;
    private final String token;
    private final List<String> userIds;
    private final List<String> groupIds;
    private long serial;

    BadInputGenerator(long seed, String directory, String token, List<String> userIds, List<String> groupIds) {
        this.random = new Random(seed);
        this.directory = directory;
        this.token = token;
        this.userIds = userIds;
        this.groupIds = groupIds;
    }

    Case next() {
        Category category = Category.values()[random.nextInt(Category.values().length)];
        return switch (category) {
            case MALFORMED_JSON -> json(category, randomMethodWithBody(), resourcePath(), malformed());
            case TRUNCATED_JSON -> {
                String valid = validBody();
                yield json(category, randomMethodWithBody(), resourcePath(),
                        bytes(valid.substring(0, random.nextInt(Math.max(1, valid.length())))));
            }
            case INVALID_UTF8 -> json(category, randomMethodWithBody(), resourcePath(), invalidUtf8());
            case CONTROL_BYTES_IN_BODY -> json(category, randomMethodWithBody(), resourcePath(), controlBytes());
            case WRONG_TYPES -> json(category, randomMethodWithBody(), resourcePath(), bytes(wrongTypes()));
            case HUGE_STRINGS -> json(category, "POST", collection(), bytes("{\"userName\":\"" + huge() + "\"}"));
            case DEEP_NESTING -> json(category, randomMethodWithBody(), resourcePath(), bytes(nested()));
            case DUPLICATE_KEYS -> json(category, randomMethodWithBody(), resourcePath(), bytes(duplicates()));
            case CONTENT_TYPES -> contentType(category);
            case FRAMING -> framing(category);
            case METHODS -> request(category, pick(METHODS), random.nextBoolean() ? resourcePath() : collection(),
                    headers("Content-Type: application/scim+json"), random.nextBoolean() ? bytes(validBody()) : null);
            case HEADER_ODDITIES -> headerOddity(category);
            case PATH_TRICKS -> request(category, random.nextBoolean() ? "GET" : "DELETE", oddPath(), headers(), null);
            case FILTER_GARBAGE -> request(category, "GET", collection() + "?filter=" + encode(garbageFilter()),
                    headers(), null);
            case SORT_GARBAGE -> request(category, "GET", collection() + "?sortBy=" + encode(garbageAttribute())
                    + (random.nextBoolean() ? "&sortOrder=" + encode(pick(new String[] {"descending", "up", "",
                    "'; --"})) : ""), headers(), null);
            case RANDOM_PATCH -> json(category, "PATCH", resourcePath(), bytes(randomPatch()));
            case PAGING -> request(category, "GET", collection() + "?" + paging(), headers(), null);
        };
    }

    // ---- bodies

    private String validBody() {
        return switch (random.nextInt(3)) {
            case 0 -> "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"fz-" + (serial++)
                    + "-" + random.nextInt(1_000_000) + "@example.org\",\"active\":\"True\",\"name\":{\"givenName\":"
                    + "\"A\",\"familyName\":\"B\"},\"emails\":[{\"type\":\"work\",\"value\":\"a@example.org\","
                    + "\"primary\":true}]}";
            case 1 -> "{\"displayName\":\"fz-group-" + (serial++) + "-" + random.nextInt(1_000_000)
                    + "\",\"members\":[]}";
            default -> randomPatch();
        };
    }

    private byte[] malformed() {
        String valid = validBody();
        StringBuilder s = new StringBuilder(valid);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && s.length() > 0; i++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(5)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, pick(new String[] {"{", "}", "[", "]", ",", ":", "\"", "'", "\\", "tru", "nul",
                        "1e99999999999", "-", ".", "NaN", "Infinity", "0x1F", "/*", "//"}));
                case 2 -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 3 -> s.append(pick(new String[] {"}", "]", ",", "x", " {}", "\"", "[]"}));
                default -> s.replace(at, Math.min(s.length(), at + 3), "");
            }
        }
        return bytes(s.toString());
    }

    private byte[] invalidUtf8() {
        byte[][] bad = {{(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xe2, (byte) 0x82},
                {(byte) 0xfe, (byte) 0xff}, {(byte) 0xc1, (byte) 0xbf}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80}};
        String valid = validBody();
        int at = valid.indexOf('"', 1 + random.nextInt(Math.max(1, valid.length() - 2)));
        at = at < 0 ? valid.length() / 2 : at;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(valid.substring(0, at)));
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.writeBytes(bytes(valid.substring(at)));
        return out.toByteArray();
    }

    private byte[] controlBytes() {
        String valid = validBody();
        int at = random.nextInt(valid.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(valid.substring(0, at)));
        if (random.nextBoolean()) {
            out.write(random.nextInt(32));
        } else {
            out.writeBytes(bytes(pick(new String[] {"\\u0000", "\\u0001", "\\u001f", "\\u007f", "\\ud800", "\\udfff",
                    "\\uffff"})));
        }
        out.writeBytes(bytes(valid.substring(at)));
        return out.toByteArray();
    }

    private String wrongTypes() {
        boolean user = random.nextBoolean();
        String attribute = pick(user ? USER_ATTRIBUTES : GROUP_ATTRIBUTES);
        String value = pick(new String[] {"1", "-1", "1.5", "true", "false", "null", "[]", "{}", "[1,2]", "[null]",
                "{\"value\":1}", "[{\"value\":{}}]", "\"\"", "\"x\"", "[\"x\"]", "[[[]]]", "1e308",
                "99999999999999999999999", "{\"a\":{\"b\":[]}}", "\"True\"", "\"False\"", "\"yes\""});
        String base = user ? "\"userName\":\"fz-" + (serial++) + "-" + random.nextInt(1_000_000) + "@example.org\""
                : "\"displayName\":\"fz-g-" + (serial++) + "-" + random.nextInt(1_000_000) + "\"";
        if (attribute.contains(".") && !attribute.startsWith("urn:")) {
            String[] parts = attribute.split("\\.");
            return "{" + base + ",\"" + parts[0] + "\":{\"" + parts[1] + "\":" + value + "}}";
        }
        return "{" + base + ",\"" + attribute + "\":" + value + "}";
    }

    private String huge() {
        int size = switch (random.nextInt(4)) {
            case 0 -> 10_000;
            case 1 -> 100_000;
            case 2 -> 1_048_000;
            default -> 1_100_000;
        };
        return "h".repeat(size);
    }

    private String nested() {
        int depth = pick(new int[] {30, 63, 64, 65, 200, 5_000});
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return "{\"userName\":\"n-" + (serial++) + "\",\"x\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
    }

    private String duplicates() {
        String name = "dup-" + (serial++) + "@example.org";
        return pick(new String[] {
                "{\"userName\":\"" + name + "\",\"userName\":\"other-" + name + "\"}",
                "{\"userName\":\"" + name + "\",\"UserName\":\"other-" + name + "\"}",
                "{\"userName\":\"" + name + "\",\"name\":{\"givenName\":\"a\",\"givenName\":\"b\"}}",
                "{\"Operations\":[{\"op\":\"replace\",\"op\":\"remove\",\"path\":\"active\",\"value\":false}]}",
                "{\"displayName\":\"g-" + name + "\",\"members\":[],\"members\":[{\"value\":\"x\"}]}",
                "{\"schemas\":[],\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                        + name + "\"}"});
    }

    String randomPatch() {
        List<String> ops = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i <= n; i++) {
            String op = pick(new String[] {"add", "Add", "ADD", "replace", "Replace", "remove", "Remove", "delete",
                    "", "copy", "move", "test", "x"});
            String path = switch (random.nextInt(8)) {
                case 0 -> null;
                case 1 -> "members";
                case 2 -> "members[value eq \"" + pickId() + "\"]";
                case 3 -> "emails[type eq \"work\"].value";
                case 4 -> garbageAttribute();
                case 5 -> "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager";
                case 6 -> "name.givenName";
                default -> pick(USER_ATTRIBUTES);
            };
            String value = switch (random.nextInt(9)) {
                case 0 -> null;
                case 1 -> "\"False\"";
                case 2 -> "[{\"value\":\"" + pickId() + "\"}]";
                case 3 -> "{\"name.givenName\":\"Z\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:"
                        + "department\":\"D\"}";
                case 4 -> "{\"value\":\"" + pickId() + "\"}";
                case 5 -> "\"" + pick(INJECTIONS).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                case 6 -> "[]";
                case 7 -> "{\"displayName\":7,\"active\":\"maybe\"}";
                default -> pick(new String[] {"1", "true", "null", "{}", "[[1]]"});
            };
            StringBuilder o = new StringBuilder("{\"op\":\"").append(op).append('"');
            if (path != null) {
                o.append(",\"path\":\"").append(path.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            if (value != null) {
                o.append(",\"value\":").append(value);
            }
            ops.add(o.append('}').toString());
        }
        String schemas = random.nextBoolean() ? "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                : "";
        String key = pick(new String[] {"Operations", "operations", "Operations", "ops"});
        return "{" + schemas + "\"" + key + "\":[" + String.join(",", ops) + "]}";
    }

    // ---- query strings

    private String garbageFilter() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(USER_ATTRIBUTES) + " " + pick(FILTER_OPS) + " \"" + pick(INJECTIONS) + "\"";
            case 1 -> "userName eq " + pick(INJECTIONS);
            case 2 -> "(".repeat(random.nextInt(300)) + "userName pr" + ")".repeat(random.nextInt(300));
            case 3 -> {
                StringBuilder s = new StringBuilder("userName eq \"a\"");
                int n = random.nextInt(200);
                for (int i = 0; i < n; i++) {
                    s.append(random.nextBoolean() ? " and " : " or ").append(pick(USER_ATTRIBUTES)).append(" eq \"")
                            .append(i).append('"');
                }
                yield s.toString();
            }
            case 4 -> "emails[type eq \"work\" and value co \"" + pick(INJECTIONS) + "\"].value eq \"x\"";
            default -> randomText(random.nextInt(60));
        };
    }

    private String garbageAttribute() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(USER_ATTRIBUTES);
            case 1 -> pick(INJECTIONS);
            case 2 -> "meta." + pick(new String[] {"created", "lastModified", "version", "x", "resourceType"});
            default -> randomText(1 + random.nextInt(40));
        };
    }

    private String paging() {
        String[] values = {"0", "-1", "-2147483648", "2147483647", "2147483648", "1000000", "99999999999999999999",
                "1e3", "0x10", "", " 5", "abc", "1.5", "-0", "NaN", "1001", "1000"};
        StringBuilder s = new StringBuilder();
        if (random.nextBoolean()) {
            s.append("startIndex=").append(encode(pick(values))).append('&');
        }
        s.append("count=").append(encode(pick(values)));
        if (random.nextInt(4) == 0) {
            s.append("&count=").append(encode(pick(values)));
        }
        return s.toString();
    }

    // ---- transport oddities

    private Case contentType(Category category) {
        String type = pick(new String[] {"application/scim+json; charset=utf-16", "application/json; charset=UTF-32",
                "application/json; charset=\"iso-8859-1\"", "application/json; charset=", "application/json;;;",
                "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/xml", "*/*", "application/scim+json; charset=utf-8; x=\"y", "application/", "",
                "application/json; charset=ebcdic-cp-us", "APPLICATION/SCIM+JSON; CHARSET=UTF-7",
                "application/scim+json, text/html", "application/scim+json\u00e9"});
        return request(category, randomMethodWithBody(), resourcePath(), headers("Content-Type: " + type),
                bytes(validBody()));
    }

    private Case framing(Category category) {
        String path = collection();
        String body = validBody();
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer "
                + token + "\r\nContent-Type: application/scim+json\r\n";
        String raw = switch (random.nextInt(9)) {
            case 0 -> head + "Transfer-Encoding: gzip, chunked\r\n\r\n" + chunk(body);
            case 1 -> head + "Transfer-Encoding: chunked\r\n\r\n" + chunk(body);
            case 2 -> head + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length() + 10) + "\r\n"
                    + body + "\r\n0\r\n\r\n";
            case 3 -> head + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n" + chunk(body);
            case 4 -> head + "Content-Length: " + (body.length() / 2) + "\r\n\r\n" + body;
            case 5 -> head + "Content-Length: -1\r\n\r\n" + body;
            case 6 -> head + "Content-Length: 5\r\nContent-Length: 7\r\n\r\n" + body;
            case 7 -> head + "Content-Encoding: gzip\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            default -> head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n";
        };
        return new Case(category, bytes(raw), null, raw.substring(0, Math.min(raw.length(), 200)));
    }

    private static String chunk(String body) {
        return Integer.toHexString(bytes(body).length) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    private Case headerOddity(Category category) {
        List<String> extra = new ArrayList<>();
        String authorization = switch (random.nextInt(12)) {
            case 0 -> "Basic ZGVtbzpkZW1vLXRva2Vu";
            case 1 -> "Bearer " + token + "\u000b";
            case 2 -> "Bearer  " + token;
            case 3 -> "bearer " + token;
            case 4 -> "Bearer " + token + " ";
            case 5 -> "Bearer " + "A".repeat(9000);
            case 6 -> "Bearer";
            case 7 -> "Bearer " + token + "\u0000";
            case 8 -> "Token " + token;
            case 9 -> "Bearer tenant-b-token";
            case 10 -> "Bearer " + token + ", Bearer x";
            default -> "Bearer \u00e9" + token;
        };
        extra.add("Authorization: " + authorization);
        switch (random.nextInt(6)) {
            case 0 -> extra.add("X-Giant: " + "g".repeat(1 + random.nextInt(20_000)));
            case 1 -> {
                for (int i = 0; i < 1 + random.nextInt(150); i++) {
                    extra.add("X-Repeat-" + (i % 3) + ": " + i);
                }
            }
            case 2 -> extra.add("Authorization: Bearer other");
            case 3 -> extra.add("If-None-Match: " + pick(new String[] {"W/\"1 \"", "W/\"1", "\"", "*, W/\"1\"",
                    "W/\"\u00e9\""}));
            case 4 -> extra.add("X-Ctl: a" + (char) random.nextInt(32) + "b");
            default -> extra.add("If-Match: " + pick(new String[] {"W/\"999\"", "garbage", "*", "W/\"1\", W/\"2\""}));
        }
        boolean body = random.nextBoolean();
        return rawRequest(category, body ? "POST" : "GET", collection(), extra,
                body ? bytes(validBody()) : null, false);
    }

    private String oddPath() {
        String base = "/scim/v2/" + directory;
        return pick(new String[] {
                base + "/Users/%5c..%5c..%5cadmin", base + "/Users/%2f..%2f..%2fadmin", base + "/Users/%2F..",
                base + "/Users/%ff%fe", base + "/Users/%c0%af", base + "/Users/%", base + "/Users/%zz",
                base + "/Users/%00", base + "/%2e%2e/x", base + "/Users/a;b=c", base + "//Users",
                base + "/Users/..%252f", base + "/Users/" + "x".repeat(1 + random.nextInt(9000)),
                base + "/Users/" + pickId() + "/..", "/scim/v2/%2e%2e/" + directory + "/Users",
                "/scim/v2/" + directory + "%2fUsers", base + "/Users/\u00e9", base + "/Users/%E2%80%AE",
                base + "/Users/%0d%0aX-Injected:%20yes", base + "/Users?%zz=1", base + "/Users?filter=%",
                base + "/Users/" + pickId() + "%00", "/scim/v2/tenant-b/Users", "/scim/v2/" + directory + "/Schemas/%",
                "/admin/sinks/ldap-default", "/%61dmin/sinks", "/actuator/env", base + "/Users/.search",
                base + "/ResourceTypes/..", "/scim/v2/" + directory.toUpperCase() + "/Users", "/scim/v2//Users"});
    }

    // ---- assembly

    private Case json(Category category, String method, String path, byte[] body) {
        return request(category, method, path, headers("Content-Type: application/scim+json"), body);
    }

    private Case request(Category category, String method, String path, List<String> headers, byte[] body) {
        return rawRequest(category, method, path, headers, body, true);
    }

    private Case rawRequest(Category category, String method, String path, List<String> headers, byte[] body,
                            boolean withToken) {
        String probe = null;
        List<String> all = new ArrayList<>(headers);
        if (withToken) {
            all.add(0, "Authorization: Bearer " + token);
        }
        if (random.nextInt(3) == 0) {
            probe = "probe" + random.nextInt(1_000_000_000);
            String name = pick(REFLECTABLE);
            if (random.nextBoolean() && !path.contains("#")) {
                path = path + (path.contains("?") ? "&" : "?") + name + "=" + probe;
            } else if (!name.equals("Content-Type")) {
                all.add(name + ": " + probe);
            } else {
                probe = null;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n");
        all.forEach(h -> head.append(h).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.writeBytes(body);
        }
        String summary = method + " " + (path.length() > 160 ? path.substring(0, 160) + "..." : path)
                + (body == null ? "" : " " + new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8));
        return new Case(category, out.toByteArray(), probe, summary);
    }

    private List<String> headers(String... lines) {
        return List.of(lines);
    }

    private String randomMethodWithBody() {
        return pick(new String[] {"POST", "PUT", "PATCH", "POST"});
    }

    /** A collection, a resource, or the search endpoint, of Users or Groups. */
    private String resourcePath() {
        boolean users = random.nextBoolean();
        String collection = "/scim/v2/" + directory + (users ? "/Users" : "/Groups");
        return switch (random.nextInt(4)) {
            case 0 -> collection;
            case 1 -> collection + "/.search";
            case 2 -> collection + "/no-such-" + random.nextInt(1000);
            default -> collection + "/" + (users ? pick(userIds) : pick(groupIds));
        };
    }

    private String collection() {
        return "/scim/v2/" + directory + (random.nextBoolean() ? "/Users" : "/Groups");
    }

    private String pickId() {
        return random.nextBoolean() ? pick(userIds) : pick(groupIds);
    }

    private String randomText(int length) {
        StringBuilder s = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \"'()[]{}.:,;=<>!&|*%$#@\\/-_+~`^?";
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
