package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The LDIF a shadow sink records: RFC 2849 change records, base64 where a value is not safe, no password. */
class LdifRecordsTest {

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void addWithUnsafeValuesIsBase64AndThePasswordIsLeftOut() {
        Map<String, List<String>> attrs = new LinkedHashMap<>();
        attrs.put("objectClass", List.of("inetOrgPerson"));
        attrs.put("cn", List.of("Zoë Example"));
        attrs.put("description", List.of(" leading space", ":colon", "<angle", "trailing ", "line\nbreak", "plain"));
        attrs.put("userPassword", List.of("{SSHA}secret"));
        String ldif = LdifRecords.render(new LdapWrite.Bind("uid=zo\\2C e,ou=people,dc=example,dc=org", attrs));
        assertThat(ldif).isEqualTo("dn: uid=zo\\2C e,ou=people,dc=example,dc=org\nchangetype: add\n"
                + "objectClass: inetOrgPerson\n"
                + "cn:: " + b64("Zoë Example") + "\n"
                + "description:: " + b64(" leading space") + "\n"
                + "description:: " + b64(":colon") + "\n"
                + "description:: " + b64("<angle") + "\n"
                + "description:: " + b64("trailing ") + "\n"
                + "description:: " + b64("line\nbreak") + "\n"
                + "description: plain\n"
                + LdifRecords.PASSWORD_OMITTED + "\n");
        assertThat(ldif).doesNotContain("secret");
    }

    @Test
    void modifyDeleteAndModrdn() {
        assertThat(LdifRecords.render(new LdapWrite.Modify("cn=g,dc=x", List.of(
                new LdapWrite.Mod(LdapWrite.Op.ADD, "member", List.of("uid=a,dc=x")),
                new LdapWrite.Mod(LdapWrite.Op.REPLACE, "description", List.of()),
                new LdapWrite.Mod(LdapWrite.Op.REPLACE, "userPassword", List.of("clear"))))))
                .isEqualTo("dn: cn=g,dc=x\nchangetype: modify\nadd: member\nmember: uid=a,dc=x\n-\n"
                        + "replace: description\n-\nreplace: userPassword\n" + LdifRecords.PASSWORD_OMITTED
                        + "\n-\n");
        assertThat(LdifRecords.render(new LdapWrite.Unbind("uid=a,dc=x"))).isEqualTo("dn: uid=a,dc=x\n"
                + "changetype: delete\n");
        assertThat(LdifRecords.render(new LdapWrite.Rename("uid=a,ou=p,dc=x", "uid=b,ou=p,dc=x")))
                .isEqualTo("dn: uid=a,ou=p,dc=x\nchangetype: modrdn\nnewrdn: uid=b\ndeleteoldrdn: 1\n");
        assertThat(LdifRecords.render(new LdapWrite.Rename("uid=a,ou=p,dc=x", "uid=a,ou=disabled,dc=x")))
                .isEqualTo("dn: uid=a,ou=p,dc=x\nchangetype: modrdn\nnewrdn: uid=a\ndeleteoldrdn: 1\n"
                        + "newsuperior: ou=disabled,dc=x\n");
    }
}
