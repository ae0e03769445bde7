package org.scimbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The size a list page budgets (scim_resource.attributes_bytes) is what OCTET_LENGTH said before V14. */
class Utf8Test {

    @Test
    void countsWhatUtf8EncodingTakes() {
        for (String s : new String[] {"", "ada@contoso.com", "Zoë Ångström", "日本語", "emoji \uD83D\uDE00 ok",
                "{\"photos\":[{\"value\":\"data:image/jpeg;base64,AAAA\"}]}"}) {
            assertThat(Utf8.length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
