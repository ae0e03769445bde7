package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which attribute a syntax refusal is about, as slapd and UnboundID word it, and the write without it. */
class RefusedValueRulesTest {

    private final RefusedValueRules rules = new RefusedValueRules(Map.of("mail", RefusedValueRules.Rule.SKIP,
            "telephoneNumber", RefusedValueRules.Rule.PARK));
    private final LdapWrite.Bind add = new LdapWrite.Bind("uid=j,ou=people,dc=example,dc=org", Map.of(
            "objectClass", List.of("inetOrgPerson"), "mail", List.of("jürgen@example.com"),
            "telephoneNumber", List.of("☎"), "sn", List.of("Müller")));

    @Test
    void slapdMailInvalidPerSyntaxNamesMail() {
        String slapd = "InvalidAttributeValueException: [LDAP: error code 21 - mail: value #0 invalid per syntax]";
        assertThat(rules.skippable(add, slapd)).contains("mail");
        LdapWrite.Bind without = (LdapWrite.Bind) RefusedValueRules.without(add, "mail").orElseThrow();
        assertThat(without.attributes()).doesNotContainKey("mail").containsKeys("sn", "telephoneNumber");
    }

    @Test
    void refusalOfAnAttributeWithoutASkipRuleIsNotSkipped() {
        assertThat(rules.skippable(add, "[LDAP: error code 21 - telephoneNumber: value #0 invalid per syntax]"))
                .isEmpty();
        // "mail" inside another attribute's name is not mail
        assertThat(rules.skippable(add, "[LDAP: error code 21 - otherMailbox: value #0 invalid per syntax]"))
                .isEmpty();
    }

    @Test
    void modifyLosesOnlyTheRefusedAttributeAndAnEmptyModifyIsDropped() {
        LdapWrite.Modify m = new LdapWrite.Modify("uid=j", List.of(
                new LdapWrite.Mod(LdapWrite.Op.REPLACE, "mail", List.of("ü@x")),
                new LdapWrite.Mod(LdapWrite.Op.REPLACE, "title", List.of("Lead"))));
        assertThat(RefusedValueRules.without(m, "MAIL").orElseThrow()).isEqualTo(new LdapWrite.Modify("uid=j",
                List.of(new LdapWrite.Mod(LdapWrite.Op.REPLACE, "title", List.of("Lead")))));
        assertThat(RefusedValueRules.without(new LdapWrite.Modify("uid=j", List.of(m.mods().get(0))), "mail"))
                .isEmpty();
    }
}
