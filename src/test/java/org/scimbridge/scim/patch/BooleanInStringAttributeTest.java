package org.scimbridge.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.Patches;
import org.scimbridge.scim.error.ScimException;

/**
 * {@code replace userType true}: SAP's SCIMono ({@code testReplaceValueWithIllegalValue400}) expects 400
 * invalidValue, as RFC 7644 §3.12 says for a value not compatible with the attribute's type. The bridge used to
 * store the string "true". A number in a string attribute is still taken as its text.
 */
class BooleanInStringAttributeTest {

    private ObjectNode replace(String path, String valueJson) {
        return Patches.replaceOnStoredUser(path, valueJson);
    }

    @Test
    void aBooleanForAStringAttributeIsInvalidValue() {
        assertThatThrownBy(() -> replace("userType", "true")).isInstanceOfSatisfying(ScimException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.scimType()).isEqualTo("invalidValue");
        });
        assertThatThrownBy(() -> replace("emails[type eq \"work\"].value", "false"))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void aStringTrueAndANumberAreStillText() {
        assertThat(replace("userType", "\"true\"").get("userType").textValue()).isEqualTo("true");
        assertThat(replace("title", "42").get("title").textValue()).isEqualTo("42");
    }
}
