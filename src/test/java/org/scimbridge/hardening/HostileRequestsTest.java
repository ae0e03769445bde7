package org.scimbridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimbridge.testsupport.Json;
import org.scimbridge.testsupport.RawHttp;
import org.scimbridge.testsupport.ScimAnswers;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 11.1 and 11.2: each hostile request the attack run found answered with a 5xx, Tomcat's HTML page or a body
 * quoting the parser, one test each, sent byte for byte. Every answer must be a SCIM error body, 4xx for bad
 * input, with nothing in it about how the bridge is built.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileRequestsTest {

    private static final String USERS = "/scim/v2/demo/Users";
    private static final String TOKEN = "Bearer demo-token";

    @LocalServerPort
    int port;

    private String userPath;

    @BeforeEach
    void aUserToAimAt() {
        ScimClient scim = new ScimClient(port, "demo", "demo-token");
        String userName = "hostile-" + System.nanoTime() + "@example.org";
        userPath = USERS + "/" + scim.post("/Users", "{\"userName\":\"" + userName + "\"}").id();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ff", "c0af", "eda080", "f4908080", "80", "e282"})
    void invalidUtf8InAJsonStringIsInvalidSyntaxOnPostPutAndPatch(String hex) {
        byte[] bad = hexBytes(hex);
        RawHttp.Response post = send("POST", USERS, json(bytes("{\"userName\":\"x"), bad, bytes("\"}")));
        RawHttp.Response put = send("PUT", userPath, json(bytes("{\"userName\":\"x"), bad, bytes("\"}")));
        RawHttp.Response patch = send("PATCH", userPath, json(bytes(
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"a"), bad, bytes("\"}]}")));
        for (RawHttp.Response r : new RawHttp.Response[] {post, put, patch}) {
            assertInvalidSyntax(r, hex);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"userName\":", "{\"userName\" \"x\"}", "[1,2", "{\"a\":tru}", "\"just a string\"",
            "{\"userName\":\"x\"}}", "{'userName':'x'}", "{\"userName\":\"x\",}", "nul", "{\"a\":1e99999999999}"})
    void malformedJsonIsInvalidSyntaxWithoutTheParsersMessage(String body) {
        RawHttp.Response r = send("POST", USERS, bytes(body));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        ScimAnswers.assertScimError(r, body);
        assertThat(r.body()).doesNotContain("line:", "column:", "Source", "Unexpected character", "token");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"utf-16", "UTF-32", "x-unknown", "iso-8859-1\"", "utf-16le"})
    void aCharsetOtherThanUtf8IsInvalidSyntax(String charset) {
        RawHttp.Response r = RawHttp.send(port, "POST", USERS, Map.of("Authorization", TOKEN,
                "Content-Type", "application/scim+json; charset=" + charset), "{\"userName\":\"cs@example.org\"}");
        assertInvalidSyntax(r, charset);
    }

    @Test
    void aHugeCountIsCappedAtTheMaximumPageSize() {
        RawHttp.Response r = get(USERS + "?count=1000000", TOKEN);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(Json.parse(r.body()).path("itemsPerPage").asInt()).isLessThanOrEqualTo(1000);
        assertThat(get(USERS + "?count=99999999999999999999", TOKEN).status()).isEqualTo(400);
        assertThat(get(USERS + "?startIndex=-5&count=-3", TOKEN).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CONNECT", "TRACE", "OPTIONS", "PROPFIND", "FOO", "HEAD"})
    void anyOtherMethodIsAScimError(String method) {
        RawHttp.Response r = RawHttp.send(port, method, method.equals("CONNECT") ? "localhost:443" : userPath,
                Map.of("Authorization", TOKEN), null);
        if (method.equals("HEAD") || method.equals("OPTIONS")) {
            assertThat(r.status()).as(r.toString()).isLessThan(500);
            return;
        }
        assertThat(r.status()).as(r.toString()).isBetween(400, 499);
        ScimAnswers.assertScimError(r, method);
    }

    @Test
    void traceIs405WithAScimBody() {
        RawHttp.Response r = RawHttp.send(port, "TRACE", userPath, Map.of("Authorization", TOKEN), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(405);
        ScimAnswers.assertScimError(r, "TRACE");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gzip, chunked", "deflate, chunked", "identity, chunked", "x-custom, chunked", "gzip"})
    void anUnsupportedTransferEncodingIsAScimError(String encoding) {
        byte[] request = bytes("POST " + USERS + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: " + TOKEN + "\r\nContent-Type: application/scim+json\r\n"
                + "Transfer-Encoding: " + encoding + "\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        RawHttp.Response r = RawHttp.exchange(port, request);
        assertThat(r.status()).as(r.toString()).isBetween(400, 499);
        ScimAnswers.assertScimError(r, encoding);
    }

    @Test
    void aLongUrlIsAScimError() {
        RawHttp.Response r = get(USERS + "?filter=" + "a".repeat(20_000), TOKEN);
        assertThat(r.status()).as(r.toString()).isBetween(400, 499);
        ScimAnswers.assertScimError(r, "long URL");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"00", "01", "07", "1b", "7f", "0b"})
    void aControlCharacterInAHeaderIsAScimError(String hex) {
        RawHttp.Response r = RawHttp.exchange(port, concat(bytes("GET " + USERS + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nAuthorization: " + TOKEN + "\r\nX-Odd: a"), hexBytes(hex), bytes("b\r\n\r\n")));
        assertThat(r.status()).as(r.toString()).isLessThan(500);
        if (r.status() >= 400) {
            ScimAnswers.assertScimError(r, hex);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/scim/v2/demo/Users/%5c..%5c..%5cadmin", "/scim/v2/demo/Users/%2f..%2f..%2fadmin",
            "/scim/v2/demo/Users/%2F..", "/scim/v2/demo/Users/%ff%fe", "/scim/v2/demo/Users/%c0%af",
            "/scim/v2/demo/Users/%", "/scim/v2/demo/Users/%zz", "/scim/v2/demo/Users/%00", "/scim/v2/demo/%2e%2e/x",
            "/scim/v2/demo/Users/a;b=c", "/scim/v2/demo//Users", "/scim/v2/demo/Users/..%252f"})
    void anOddPathIsAScimError(String path) {
        RawHttp.Response r = get(path, TOKEN);
        assertThat(r.status()).as(r.toString()).isBetween(400, 499);
        ScimAnswers.assertScimError(r, path);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0b", "0c", "09", "20", "00", "7f"})
    void aTokenFollowedByWhitespaceOrControlIsRefusedAsScim(String hex) {
        RawHttp.Response r = RawHttp.exchange(port, concat(bytes("GET " + USERS + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nAuthorization: " + TOKEN), hexBytes(hex), bytes("\r\n\r\n")));
        assertThat(r.status()).as(r.toString()).isLessThan(500);
        if (r.status() >= 400) {
            ScimAnswers.assertScimError(r, hex);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"W/\"1 \"", "W/\"1", "W/", "\"", "*, W/\"1\"", "W/\"\u00e9\""})
    void anOddETagIsNoServerError(String etag) {
        for (String header : new String[] {"If-None-Match", "If-Match"}) {
            RawHttp.Response r = RawHttp.send(port, "GET", userPath, Map.of("Authorization", TOKEN, header, etag),
                    null);
            assertThat(r.status()).as("%s: %s -> %s", header, etag, r).isLessThan(500);
            if (r.status() >= 400) {
                ScimAnswers.assertScimError(r, etag);
            }
            RawHttp.Response delete = RawHttp.send(port, "DELETE", USERS + "/no-such-user",
                    Map.of("Authorization", TOKEN, header, etag), null);
            assertThat(delete.status()).as("%s: %s -> %s", header, etag, delete).isBetween(400, 499);
            ScimAnswers.assertScimError(delete, etag);
        }
    }

    private void assertInvalidSyntax(RawHttp.Response r, String what) {
        assertThat(r.status()).as("%s -> %s", what, r).isEqualTo(400);
        ScimAnswers.assertScimError(r, what);
        JsonNode body = Json.parse(r.body());
        assertThat(body.path("scimType").asText()).as(what).isEqualTo("invalidSyntax");
    }

    private RawHttp.Response get(String path, String authorization) {
        return RawHttp.send(port, "GET", path, Map.of("Authorization", authorization), null);
    }

    private RawHttp.Response send(String method, String path, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(bytes(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: " + TOKEN + "\r\nContent-Type: application/scim+json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n"));
        request.writeBytes(body);
        return RawHttp.exchange(port, request.toByteArray());
    }

    private static byte[] json(byte[]... parts) {
        return concat(parts);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hexBytes(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
