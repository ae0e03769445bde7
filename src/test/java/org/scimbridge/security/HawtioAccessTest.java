package org.scimbridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Hawtio without the admin token refuses to start; the Basic login takes the token only as user admin's password. */
class HawtioAccessTest {

    @Test
    void hawtioWithoutTheAdminTokenRefusesToStart() {
        assertThatThrownBy(() -> new HawtioAccess(true, new AdminToken(" ")))
                .hasMessageContaining("scim-bridge.hawtio.enabled needs scim-bridge.admin-token");
        assertThat(new HawtioAccess(true, new AdminToken("secret")).enabled()).isTrue();
        assertThat(new HawtioAccess(false, new AdminToken("")).enabled()).isFalse();
    }

    @Test
    void basicLoginIsTheAdminTokenAsThePasswordOfUserAdminOnly() {
        assertThat(BearerToken.fromBasicAdmin(basic("admin:s3cret:with:colons"))).isEqualTo("s3cret:with:colons");
        assertThat(BearerToken.fromBasicAdmin(basic("root:s3cret"))).isEmpty();
        assertThat(BearerToken.fromBasicAdmin("Basic not-base64!")).isEmpty();
        assertThat(BearerToken.fromBasicAdmin("Bearer s3cret")).isNull();
        assertThat(BearerToken.fromBasicAdmin(null)).isNull();
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
