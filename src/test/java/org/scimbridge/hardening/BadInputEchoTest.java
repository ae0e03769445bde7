package org.scimbridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bad-input suite's check that a detail only quotes the request, not the bridge's internals. */
class BadInputEchoTest {

    private static final String BODY_QUOTING_THE_FILTER = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","scimType":"invalidFilter",\
            "detail":"Unexpected ') UNION SELECT * FROM scim_resource --' (at character 15)"}""";

    @Test
    void aFilterDetailQuotingTheClientsOwnSqlInjectionIsAnEchoNotALeak() {
        // case #3036 of seed 20261202: the bridge's 400 quotes what the client sent
        String request = "GET /scim/v2/demo/Users?filter=userName+eq+x%27)+UNION+SELECT+*+FROM+scim_resource+-- HTTP/1.1";
        assertThat(BadInputSuiteTest.echoedFromRequest(BODY_QUOTING_THE_FILTER, request)).isTrue();
    }

    @Test
    void sqlTheRequestDidNotSendIsStillALeak() {
        String request = "GET /scim/v2/demo/Users?filter=userName+eq+x%27)+UNION HTTP/1.1";
        assertThat(BadInputSuiteTest.echoedFromRequest(BODY_QUOTING_THE_FILTER, request)).isFalse();
    }

    @Test
    void aClassNameBesideAnEchoedValueIsStillALeak() {
        String body = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400",\
                "detail":"bad value 'x\\u0027 OR 1=1' in com.fasterxml.jackson.core.JsonParser"}""";
        String request = "POST /scim/v2/demo/Users HTTP/1.1\r\n\r\n{\"userName\":\"x' OR 1=1\"}";
        assertThat(BadInputSuiteTest.echoedFromRequest(body, request)).isFalse();
    }
}
