package org.scimbridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.RawHttp;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 11.3: response headers come only from the bridge. On main a query parameter named like a response header
 * became that header ({@code DELETE /Users/x?ETag=anything} answered {@code ETag: anything}), even unauthenticated,
 * because Camel maps query parameters and request headers to message headers and the response kept them. Each name
 * a response may carry, and a few it must never carry, is sent as a query parameter and as a request header to every
 * kind of answer (a route's 200, 201, 204, 404, 409, 400, the security chain's 401, an unknown path, a servlet
 * filter's 415), and no response header may hold the value sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReflectedHeadersTest {

    static final List<String> NAMES = List.of("Location", "ETag", "Content-Type", "WWW-Authenticate", "Retry-After",
            "X-Request-Id", "Cache-Control", "Pragma", "Expires", "X-Frame-Options", "X-Content-Type-Options",
            "X-XSS-Protection", "Strict-Transport-Security", "Allow", "Accept-Patch", "Vary", "Content-Language",
            "Content-Location", "Content-Disposition", "Set-Cookie", "Link", "Refresh", "Access-Control-Allow-Origin",
            "Connection", "Content-Length", "Transfer-Encoding", "Content-Encoding", "Server", "X-Powered-By",
            "CamelHttpResponseCode", "CamelHttpResponseText", "Exchange", "X-Odd", "scimStatus");

    private static final String MARK = "reflected0marker";

    @LocalServerPort
    int port;

    @Test
    void noQueryParameterBecomesAResponseHeader() {
        List<String> reflected = new ArrayList<>();
        for (String name : NAMES) {
            for (String[] request : requests()) {
                String path = request[1] + (request[1].contains("?") ? "&" : "?") + name + "=" + MARK;
                RawHttp.Response r = send(request[0], path, request[2], Map.of());
                collect(reflected, name + " as query parameter of " + request[0] + " " + path, r);
            }
        }
        assertThat(reflected).isEmpty();
    }

    @Test
    void noRequestHeaderBecomesAResponseHeader() {
        List<String> reflected = new ArrayList<>();
        for (String name : NAMES) {
            if (name.equals("Content-Type") || name.equals("Content-Length") || name.equals("Transfer-Encoding")
                    || name.equals("Connection") || name.equals("X-Request-Id")) {
                continue; // framing headers of the request itself; X-Request-Id is below
            }
            for (String[] request : requests()) {
                RawHttp.Response r = send(request[0], request[1], request[2], Map.of(name, MARK));
                collect(reflected, name + " as request header of " + request[0] + " " + request[1], r);
            }
        }
        assertThat(reflected).isEmpty();
    }

    @Test
    void theCallersRequestIdIsTheOneHeaderAnsweredBackAndOnlyWhenItIsAPlainToken() {
        RawHttp.Response plain = send("GET", "/scim/v2/demo/Users?count=1", null, Map.of("X-Request-Id", MARK));
        assertThat(plain.header("X-Request-Id")).isEqualTo(MARK);
        RawHttp.Response odd = send("GET", "/scim/v2/demo/Users?count=1", null,
                Map.of("X-Request-Id", MARK + " ETag: x"));
        assertThat(odd.header("X-Request-Id")).doesNotContain(MARK);
        assertThat(odd.headers()).doesNotContainKey("etag");
    }

    private List<String[]> requests() {
        String id = new ScimClient(port, "demo", "demo-token")
                .post("/Users", "{\"userName\":\"refl-" + System.nanoTime() + "@example.org\"}").id();
        String users = "/scim/v2/demo/Users";
        String user = "{\"userName\":\"refl-" + System.nanoTime() + "@example.org\"}";
        return List.of(
                new String[] {"GET", users + "?count=1", null},
                new String[] {"GET", users + "/" + id, null},
                new String[] {"GET", users + "/no-such-user", null},
                new String[] {"DELETE", users + "/no-such-user", null},
                new String[] {"POST", users, user},
                new String[] {"POST", users, "{\"userName\":"},
                new String[] {"PATCH", users + "/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\","
                        + "\"value\":false}]}"},
                new String[] {"DELETE", users + "/" + id, null},
                new String[] {"GET", "/scim/v2/demo/ServiceProviderConfig", null},
                new String[] {"GET", "/scim/v2/demo/Nothing", null},
                new String[] {"GET!", users, null},
                new String[] {"POST!", users, "x"});
    }

    /** A method ending in {@code !}: sent without a token, or (POST) as text/plain, for the filters' answers. */
    private RawHttp.Response send(String method, String path, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!method.equals("GET!")) {
            headers.put("Authorization", "Bearer demo-token");
        }
        if (body != null) {
            headers.put("Content-Type", method.equals("POST!") ? "text/plain" : "application/scim+json");
        }
        headers.putAll(extra);
        return RawHttp.send(port, method.replace("!", ""), path, headers, body);
    }

    private static void collect(List<String> reflected, String what, RawHttp.Response r) {
        r.headers().forEach((name, value) -> {
            if (value.contains(MARK) || name.contains(MARK.toLowerCase())) {
                reflected.add(what + " -> " + r.status() + " " + name + ": " + value);
            }
        });
        if (r.headers().containsKey("camelhttpresponsecode") || r.headers().containsKey("scimstatus")
                || r.headers().containsKey("x-odd")) {
            reflected.add(what + " -> an internal or request header in the response: " + r.headers().keySet());
        }
    }
}
