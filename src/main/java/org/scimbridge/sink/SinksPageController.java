package org.scimbridge.sink;

import java.util.Map;
import org.scimbridge.security.ConditionalOnAdminToken;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sinks page, {@code GET /admin/ui/sinks}: a static page (HTML, CSS and plain JavaScript from
 * {@code classpath:admin-ui/}, no build step) over the admin API beside it, on the same port and origin. It holds no
 * data and no credential: it asks the operator for the admin token, keeps it in the tab's sessionStorage and sends
 * it as a bearer token to {@code /admin/sinks/...}. Its Content-Security-Policy allows only its own script and
 * style and requests to its own origin, so that a parked change's error (user data) can never run as script even
 * if the page wrote it as markup, which it does not (textContent only). Without an admin token it does not exist.
 */
@ConditionalOnAdminToken
@RestController
public class SinksPageController {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, MediaType> FILES = Map.of(
            "sinks", MediaType.TEXT_HTML,
            "sinks.js", MediaType.valueOf("text/javascript"),
            "sinks.css", MediaType.valueOf("text/css"));

    @GetMapping("/admin/ui/{file}")
    public ResponseEntity<Resource> file(@PathVariable String file) {
        MediaType type = FILES.get(file);
        if (type == null) {
            return ResponseEntity.notFound().build();
        }
        String name = file.equals("sinks") ? "sinks.html" : file;
        return ResponseEntity.ok()
                .contentType(new MediaType(type, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .body(new ClassPathResource("admin-ui/" + name));
    }
}
