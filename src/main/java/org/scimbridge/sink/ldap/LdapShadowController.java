package org.scimbridge.sink.ldap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scimbridge.security.ConditionalOnAdminToken;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/sinks/{sink}/shadow?directory=<id>&after=<seq>&limit=<n>}: what an LDAP sink in shadow mode
 * recorded instead of writing, per change in seq order: JSON ({@code seq, resource, operation, ldif}), or the raw
 * LDIF with {@code Accept: text/ldif} or {@code format=ldif}. Page on with {@code after} = the last seq seen.
 * 404 for no such LDAP sink; guarded with the rest of {@code /admin/**}.
 */
@ConditionalOnAdminToken
@RestController
@RequestMapping("/admin/sinks")
public class LdapShadowController {

    static final MediaType TEXT_LDIF = MediaType.parseMediaType("text/ldif");
    private static final int MAX_LIMIT = 1000;

    private final LdapShadowLog log;
    private final LdapSinks sinks;

    public LdapShadowController(LdapShadowLog log, LdapSinks sinks) {
        this.log = log;
        this.sinks = sinks;
    }

    @GetMapping("/{sink}/shadow")
    public ResponseEntity<?> shadow(@PathVariable String sink, @RequestParam String directory,
                                    @RequestParam(defaultValue = "0") long after,
                                    @RequestParam(defaultValue = "100") int limit,
                                    @RequestParam(required = false) String format,
                                    @RequestHeader(value = "Accept", required = false) String accept) {
        if (!sinks.exists(sink)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", "not-found",
                    "detail", "no LDAP sink named " + sink));
        }
        if (limit < 1 || limit > MAX_LIMIT || after < 0) {
            return ResponseEntity.badRequest().body(Map.of("status", "bad-request",
                    "detail", "limit is 1.." + MAX_LIMIT + " and after is 0 or more"));
        }
        List<LdapShadowLog.Entry> entries = log.after(sink, directory, after, limit);
        boolean ldif = "ldif".equalsIgnoreCase(format) || (accept != null && accept.contains("text/ldif"));
        if (ldif) {
            StringBuilder sb = new StringBuilder("version: 1\n\n");
            entries.forEach(e -> sb.append("# ").append(e.directory()).append('#').append(e.seq()).append(' ')
                    .append(e.resourceType()).append(' ').append(e.resource()).append(' ').append(e.operation())
                    .append('\n').append(e.ldif()));
            return ResponseEntity.ok().contentType(TEXT_LDIF).body(sb.toString());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sink", sink);
        body.put("directory", directory);
        body.put("shadow", log.shadow(sink));
        body.put("totalResults", entries.size());
        body.put("records", entries.stream().map(e -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("seq", e.seq());
            r.put("resourceType", e.resourceType());
            r.put("resource", e.resource());
            r.put("operation", e.operation());
            r.put("recordedAt", e.recordedAt().toString());
            r.put("ldif", e.ldif());
            return r;
        }).toList());
        if (!entries.isEmpty()) {
            body.put("next", entries.get(entries.size() - 1).seq());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
