package org.scimbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every error answer of the bridge must look like (issue 11.1, 11.2): a SCIM error body
 * ({@code application/scim+json}, the Error schema, {@code status} as the string of the HTTP status), whose text
 * says what was wrong and nothing about how the code works: no class or package names, no source locations, no
 * stack frames, no SQL.
 */
public final class ScimAnswers {

    /** Traces of internals in a body: Java packages, stack frames, parser source locations, SQL. */
    private static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("com\\.fasterxml"),
            Pattern.compile("\\b(org|java|javax|jakarta|com|sun)\\.[a-z]+\\.[a-zA-Z]"),
            Pattern.compile("\\bat [a-zA-Z_$][\\w$]*\\.[\\w$.]+\\("),
            Pattern.compile("[A-Z]\\w*(Exception|Error)\\b"),
            Pattern.compile("Source: |line: \\d+|column: \\d+|\\[Source"),
            Pattern.compile("(?i)\\b(select .* from|insert into|update \\w+ set|delete from)\\b"),
            Pattern.compile("(?i)sqlstate|jdbc|hikari|\\bh2\\b|postgres"),
            Pattern.compile("(?i)<html|<!doctype"));

    private ScimAnswers() {
    }

    public static void assertScimError(RawHttp.Response r, String what) {
        assertScimError(r.status(), r.header("Content-Type"), r.body(), what + " -> " + r);
    }

    public static void assertScimError(int status, String contentType, String body, String what) {
        assertThat(status).as("%s: an error status", what).isBetween(400, 599);
        assertThat(contentType).as("%s: Content-Type", what).startsWith("application/scim+json");
        JsonNode json = Json.parse(body);
        assertThat(json.path("schemas").path(0).asText()).as(what)
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(json.path("status").isTextual()).as("%s: status is a string", what).isTrue();
        assertThat(json.path("status").asText()).as(what).isEqualTo(Integer.toString(status));
        assertNoInternals(body, what);
    }

    public static void assertNoInternals(String body, String what) {
        for (Pattern internal : INTERNALS) {
            assertThat(internal.matcher(body).find()).as("%s: body shows internals (%s): %s", what, internal, body)
                    .isFalse();
        }
    }

    /** The first internal trace found in a body, or null: for a suite that counts rather than stops. */
    public static String internalIn(String body) {
        for (Pattern internal : INTERNALS) {
            if (internal.matcher(body).find()) {
                return internal.pattern();
            }
        }
        return null;
    }
}
