package org.scimbridge.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.scimbridge.testsupport.Json.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.Patches;
import org.scimbridge.scim.error.ScimException;

/**
 * {@code replace emails[type eq "work"]} whose value is the new element wrapped in an array, as SAP's SCIMono
 * sends it ({@code testReplaceValuesOfMultivaluedAttributesByFilter204}). RFC 7644 §3.5.2.3 replaces the
 * matching values; a one-element array names that value as clearly as the bare object does.
 */
class FilteredReplaceWithOneElementArrayTest {

    private ObjectNode replace(String path, String valueJson) {
        return Patches.replaceOnStoredUser(path, valueJson);
    }

    @Test
    void aOneElementArrayReplacesTheMatchingElementLikeTheBareObject() {
        ObjectNode wrapped = replace("emails[type eq \"work\"]", """
                [{"value":"new@contoso.com","type":"work","primary":true}]""");
        ObjectNode bare = replace("emails[type eq \"work\"]", """
                {"value":"new@contoso.com","type":"work","primary":true}""");
        assertThat(wrapped.get("emails")).isEqualTo(parse("""
                [{"type":"work","value":"new@contoso.com","primary":true}]"""));
        assertThat(wrapped).isEqualTo(bare);
    }

    @Test
    void anArrayOfSeveralElementsIsStillRejected() {
        assertThatThrownBy(() -> replace("emails[type eq \"work\"]", """
                [{"value":"a@contoso.com"},{"value":"b@contoso.com"}]"""))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
