package org.scimbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theCallersRequestIdComesFirst() {
        assertThat(RequestIds.resolve("req-42", TRACEPARENT)).isEqualTo("req-42");
    }

    @Test
    void elseTheTraceIdOfTraceparent() {
        assertThat(RequestIds.resolve(null, TRACEPARENT)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aRequestIdThatCouldBreakALogLineIsNotTaken() {
        assertThat(RequestIds.resolve("a b\"}{", TRACEPARENT)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(RequestIds.resolve("x".repeat(129), null)).satisfies(RequestIdsTest::isUuid);
    }

    @Test
    void anAllZeroOrMalformedTraceparentIsNotTaken() {
        assertThat(RequestIds.resolve(null, "00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .satisfies(RequestIdsTest::isUuid);
        assertThat(RequestIds.resolve(null, "00-4BF92F3577B34DA6-01")).satisfies(RequestIdsTest::isUuid);
    }

    @Test
    void elseANewOneEachTime() {
        assertThat(RequestIds.resolve(null, null)).satisfies(RequestIdsTest::isUuid)
                .isNotEqualTo(RequestIds.resolve(null, null));
    }

    @Test
    void theDirectoryAndResourceOfAPath() {
        assertThat(ScimPaths.of("/scim/v2/contoso/Users/42")).isEqualTo(new ScimPaths("contoso", "42"));
        assertThat(ScimPaths.of("/scim/v2/contoso/groups/7")).isEqualTo(new ScimPaths("contoso", "7"));
        assertThat(ScimPaths.of("/scim/v2/contoso/Users/.search")).isEqualTo(new ScimPaths("contoso", null));
        assertThat(ScimPaths.of("/scim/v2/contoso/Schemas/urn:x")).isEqualTo(new ScimPaths("contoso", null));
        assertThat(ScimPaths.of("/admin/sinks/ldap-default")).isEqualTo(new ScimPaths(null, null));
    }

    private static void isUuid(String id) {
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }
}
