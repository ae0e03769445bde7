package org.scimbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scimbridge.testsupport.Json;
import org.scimbridge.testsupport.RawHttp;

/**
 * Every spelling of a protected path that has been seen to slip past a check on the raw URI: percent-encoded
 * letters, {@code ;} path parameters, {@code //}, {@code /./}, encoded slashes and periods, a trailing slash,
 * backslashes and changed case, each applied to the first segment ({@code admin}, {@code actuator}) and further in.
 */
final class PathTricks {

    static final List<String[]> ADMIN_REQUESTS = adminRequests(1);

    static final List<String[]> ACTUATOR_REQUESTS = List.of(
            new String[] {"GET", "/actuator"},
            new String[] {"GET", "/actuator/health"},
            new String[] {"GET", "/actuator/health/readiness"},
            new String[] {"GET", "/actuator/health/liveness"},
            new String[] {"GET", "/actuator/prometheus"},
            new String[] {"GET", "/actuator/metrics"},
            new String[] {"GET", "/actuator/info"},
            new String[] {"GET", "/actuator/env"},
            new String[] {"GET", "/actuator/heapdump"});

    private PathTricks() {
    }

    /** The admin API: sink status, parked changes (user data), replay of one, reconcile (rewrites the LDAP tree). */
    static List<String[]> adminRequests(long parkedSeq) {
        return List.of(
                new String[] {"GET", "/admin/sinks/ldap-default"},
                new String[] {"GET", "/admin/sinks/ldap-default/parked"},
                new String[] {"POST", "/admin/sinks/ldap-default/parked/demo/" + parkedSeq + "/replay"},
                new String[] {"POST", "/admin/sinks/ldap-default/reconcile?directory=demo&dryRun=false"});
    }

    /** The path itself and every trick spelling of it. {@code path} starts with {@code /<first>/}. */
    static List<String> spellings(String path) {
        int query = path.indexOf('?');
        String p = query < 0 ? path : path.substring(0, query);
        String q = query < 0 ? "" : path.substring(query);
        if (p.indexOf('/', 1) < 0) {
            p = p + "/";
        }
        String first = p.substring(1, p.indexOf('/', 1));
        String rest = p.substring(first.length() + 1);
        if (rest.equals("/")) {
            rest = "/x";
        }
        String upper = first.toUpperCase();
        String capital = Character.toUpperCase(first.charAt(0)) + first.substring(1);
        Set<String> out = new LinkedHashSet<>();
        out.add(p);
        out.add("/%" + Integer.toHexString(first.charAt(0)) + first.substring(1) + rest);
        out.add("/" + first.substring(0, 3) + "%" + Integer.toHexString(first.charAt(3)) + first.substring(4) + rest);
        out.add("/%" + Integer.toHexString(first.charAt(0)).toUpperCase() + first.substring(1) + rest);
        out.add("/" + first + ";x=1" + rest);
        out.add("/" + first + rest.replaceFirst("/", "/;x=1/"));
        out.add("/" + first + rest.replaceFirst("/([^/]+)", "/$1;jsessionid=1"));
        out.add("//" + first + rest);
        out.add("/" + first + "/" + rest);
        out.add("/./" + first + rest);
        out.add("/" + first + "/." + rest);
        out.add("/x/../" + first + rest);
        out.add("/" + first + "/%2e" + rest);
        out.add("/%2e/" + first + rest);
        out.add("/" + first + "%2f" + rest.substring(1));
        out.add("/" + first + "%2F" + rest.substring(1));
        out.add("/" + first + "%5c" + rest.substring(1));
        out.add("/" + first + "\\" + rest.substring(1));
        out.add("/" + first + rest + "/");
        out.add("/" + upper + rest);
        out.add("/" + capital + rest);
        out.add("/scim/v2/demo/../../" + first + rest);
        out.add("/scim/v2/demo/%2e%2e/%2e%2e/" + first + rest);
        List<String> withQuery = new ArrayList<>();
        out.forEach(s -> withQuery.add(s + q));
        return withQuery;
    }

    /** Sends every spelling of every request and asserts each answer is a SCIM error with one of {@code allowed}. */
    static int assertAllRefused(int port, List<String[]> requests, Map<String, String> headers, Set<Integer> allowed) {
        int sent = 0;
        for (String[] request : requests) {
            for (String path : spellings(request[1])) {
                RawHttp.Response r = RawHttp.send(port, request[0], path, headers,
                        request[0].equals("POST") ? "" : null);
                assertThat(r.status()).as("%s %s -> %s", request[0], path, r).isIn(allowed);
                assertScimError(r, request[0] + " " + path);
                sent++;
            }
        }
        return sent;
    }

    static void assertScimError(RawHttp.Response r, String what) {
        assertThat(r.header("Content-Type")).as("%s -> %s", what, r).startsWith("application/scim+json");
        JsonNode body = Json.parse(r.body());
        assertThat(body.path("schemas").get(0).asText()).as(what)
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(body.path("status").asText()).as(what).isEqualTo(Integer.toString(r.status()));
    }
}
