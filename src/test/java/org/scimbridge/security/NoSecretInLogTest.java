package org.scimbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scimbridge.testsupport.InProcessBridge;
import org.scimbridge.testsupport.RawHttp;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 8.3: no bearer token in any log line, from start to stop. On main, a request whose {@code Authorization}
 * header held a NUL byte made Tomcat log the header line, token included, at INFO, and answer with an HTML page.
 * The bridge is started inside the capture, so its whole log is read.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretInLogTest {

    private final String token = "dir-" + UUID.randomUUID();
    private final String adminToken = "adm-" + UUID.randomUUID();

    @Test
    void malformedAuthorizationHeadersAndANormalRunLogNoToken(CapturedOutput output) {
        InProcessBridge bridge = new InProcessBridge()
                .with("--scim-bridge.directories.logged.token=" + token)
                .with("--scim-bridge.admin-token=" + adminToken);
        try (ConfigurableApplicationContext context = bridge.run(c -> { })) {
            for (byte[] junk : List.of(new byte[] {0}, new byte[] {'\r'}, new byte[] {'\n'},
                    "\r\n".getBytes(StandardCharsets.ISO_8859_1), "A".repeat(8192).getBytes(StandardCharsets.ISO_8859_1),
                    "é".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff}, new byte[] {0x7f})) {
                for (String path : List.of("/scim/v2/logged/Users", "/admin/sinks/ldap-default")) {
                    String secret = path.startsWith("/admin") ? adminToken : token;
                    RawHttp.Response r = RawHttp.exchange(bridge.port, request(path, secret, junk));
                    assertThat(r.body()).as("%s with %s", path, r).doesNotContainIgnoringCase("<html")
                            .doesNotContain(secret);
                    if (r.status() >= 400 && !r.body().isEmpty()) {
                        PathTricks.assertScimError(r, path);
                    }
                }
            }
            normalRun(bridge.port);
        }
        for (String secret : List.of(token, adminToken)) {
            assertThat(output.getAll()).doesNotContain(secret)
                    .doesNotContain(secret.substring(0, 20)).doesNotContain(secret.substring(20));
        }
        assertThat(output.getAll()).doesNotContain("Using generated security password");
    }

    private void normalRun(int port) {
        ScimClient scim = new ScimClient(port, "logged", token);
        String id = scim.post("/Users", "{\"userName\":\"log-check@example.org\"}").id();
        assertThat(scim.get("/Users/" + id).status()).isEqualTo(200);
        assertThat(scim.filter("/Users", "userName eq \"log-check@example.org\"").status()).isEqualTo(200);
        assertThat(scim.patch("/Users/" + id, """
                {"Operations":[{"op":"Replace","path":"active","value":"False"}]}""").status()).isEqualTo(200);
        assertThat(scim.post("/Users", "{\"userName\":\"log-check@example.org\"}").status()).isEqualTo(409);
        assertThat(scim.post("/Users", "{not json").status()).isEqualTo(400);
        assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);
        assertThat(scim.withToken(token + "x").get("/Users").status()).isEqualTo(401);
        assertThat(new ScimClient(port, "demo", token).get("/Users").status()).isEqualTo(401);
        assertThat(RawHttp.send(port, "GET", "/admin/sinks/ldap-default",
                Map.of("Authorization", "Bearer " + adminToken), null).status()).isIn(200, 404);
    }

    private static byte[] request(String path, String secret, byte[] junk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer "
                + secret).getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(junk);
        out.writeBytes("x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
