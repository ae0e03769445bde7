package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code {SSHA}} hasher of the initial password, against OpenLDAP's own format and its own output. */
class SshaPasswordsTest {

    @Test
    void hashIsSha1OfPasswordAndSaltFollowedByTheSaltInBase64() throws Exception {
        byte[] salt = {1, 2, 3, 4, 5, 6, 7, 8};
        String hashed = SshaPasswords.hash("secret", salt);
        assertThat(hashed).startsWith("{SSHA}");
        byte[] raw = Base64.getDecoder().decode(hashed.substring(6));
        assertThat(raw).hasSize(28);
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        md.update("secret".getBytes(StandardCharsets.UTF_8));
        md.update(salt);
        assertThat(Arrays.copyOf(raw, 20)).isEqualTo(md.digest());
        assertThat(Arrays.copyOfRange(raw, 20, 28)).isEqualTo(salt);
        assertThat(SshaPasswords.verifies("secret", hashed)).isTrue();
        assertThat(SshaPasswords.verifies("Secret", hashed)).isFalse();
    }

    @Test
    void verifiesWhatSlappasswdWrote() {
        // slappasswd -h '{SSHA}' -s 'Correct-Horse-9' (OpenLDAP 2.5.13)
        String fromSlappasswd = "{SSHA}Y44G+eD7eHV1Dbz1F/CA+x36/t5YtHiJ";
        assertThat(SshaPasswords.verifies("Correct-Horse-9", fromSlappasswd)).isTrue();
        assertThat(SshaPasswords.verifies("Correct-Horse-8", fromSlappasswd)).isFalse();
    }

    @Test
    void eachHashHasAFreshSalt() {
        assertThat(SshaPasswords.hash("same")).isNotEqualTo(SshaPasswords.hash("same"));
        assertThat(SshaPasswords.verifies("same", SshaPasswords.hash("same"))).isTrue();
        assertThat(SshaPasswords.verifies("x", "{MD5}abc")).isFalse();
        assertThat(SshaPasswords.verifies("x", "{SSHA}not base64!")).isFalse();
    }

    @Test
    void generatedPasswordsHaveTheLengthAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String p = InitialPasswords.random(24);
            assertThat(p).hasSize(24).matches("[A-Za-z2-9\\-_.!#%+=]+");
            seen.add(p);
        }
        assertThat(seen).hasSize(100);
    }
}
