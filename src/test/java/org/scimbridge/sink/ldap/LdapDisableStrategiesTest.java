package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The disable strategies of real directories on the embedded server (which carries their attributes as
 * operational ones, as slapd and 389-DS do): directory {@code disables} feeds one target per strategy. Each test
 * disables a user that is in a group, then re-enables it: the attribute as the directory expects it, the entry in
 * place (same entryUUID, same DN) and its membership kept throughout.
 */
class LdapDisableStrategiesTest extends LdapSinkTestBase {

    /** A user in a group of {@code sink}'s target, disabled and re-enabled; the entry as it is after each step. */
    private record Cycle(String dn, String uuid, Entry created, Entry disabled, Entry enabled, String groupDn) {
    }

    private Cycle cycle(String sink, int ou, String prefix) throws Exception {
        String a = uid();
        String g = uid();
        String name = prefix + "." + a.substring(0, 6);
        Map<String, Object> u = user(a, name, "Dis", "Able");
        feed.user("disables", "CREATE", u);
        feed.group("disables", "CREATE", group(g, prefix + " " + g.substring(0, 6)), List.of(a), List.of());
        awaitCaughtUp(sink, "disables");
        String dn = "uid=" + name + ",ou=people" + ou + ",dc=example,dc=org";
        String groupDn = "cn=" + prefix + " " + g.substring(0, 6) + ",ou=groups" + ou + ",dc=example,dc=org";
        Entry created = entry(dn);
        assertThat(created).as(dn).isNotNull();

        u.put("active", false);
        feed.user("disables", "UPDATE", u);
        awaitCaughtUp(sink, "disables");
        Entry disabled = entry(dn);
        assertThat(disabled).as("disabled in place: " + dn).isNotNull();
        assertThat(entry(groupDn).getAttributeValues("member")).as("membership kept while disabled")
                .containsExactly(dn);

        u.put("active", true);
        feed.user("disables", "UPDATE", u);
        awaitCaughtUp(sink, "disables");
        Entry enabled = entry(dn);
        assertThat(enabled).isNotNull();
        assertThat(entry(groupDn).getAttributeValues("member")).containsExactly(dn);
        String uuid = created.getAttributeValue("entryUUID");
        assertThat(disabled.getAttributeValue("entryUUID")).as("the same entry, not a new one").isEqualTo(uuid);
        assertThat(enabled.getAttributeValue("entryUUID")).isEqualTo(uuid);
        assertThat(feedStore.parked(sink)).noneMatch(p -> p.resourceId().equals(a));
        return new Cycle(dn, uuid, created, disabled, enabled, groupDn);
    }

    @Test
    void ppolicyLocksWithPwdAccountLockedTimeAndReEnableRemovesIt() throws Exception {
        Cycle c = cycle("ldap-ppolicy", 8, "pp");
        assertThat(c.created().getAttributeValue("pwdAccountLockedTime")).isNull();
        assertThat(c.disabled().getAttributeValue("pwdAccountLockedTime")).isEqualTo("000001010000Z");
        assertThat(c.enabled().getAttributeValue("pwdAccountLockedTime")).isNull();
    }

    @Test
    void nsAccountLockIsTrueWhileDisabledAndRemovedOnReEnable() throws Exception {
        Cycle c = cycle("ldap-ns-lock", 9, "ns");
        assertThat(c.created().getAttributeValue("nsAccountLock")).isNull();
        assertThat(c.disabled().getAttributeValue("nsAccountLock")).isEqualTo("TRUE");
        assertThat(c.enabled().getAttributeValue("nsAccountLock")).isNull();
    }

    @Test
    void msDsUserAccountDisabledIsTrueThenFalse() throws Exception {
        Cycle c = cycle("ldap-adlds", 11, "ad");
        assertThat(c.created().getAttributeValue("msDS-UserAccountDisabled")).isEqualTo("FALSE");
        assertThat(c.disabled().getAttributeValue("msDS-UserAccountDisabled")).isEqualTo("TRUE");
        assertThat(c.enabled().getAttributeValue("msDS-UserAccountDisabled")).isEqualTo("FALSE");
    }

    @Test
    void userAccountControlStartsAsNormalAccountAndTogglesBitTwo() throws Exception {
        Cycle c = cycle("ldap-uac", 10, "uac");
        assertThat(c.created().getAttributeValue("userAccountControl")).isEqualTo("512");
        assertThat(c.disabled().getAttributeValue("userAccountControl")).isEqualTo("514");
        assertThat(c.enabled().getAttributeValue("userAccountControl")).isEqualTo("512");
    }

    @Test
    void userAccountControlKeepsTheOtherBitsTheEntryHolds() throws Exception {
        String a = uid();
        String name = "uacx." + a.substring(0, 6);
        String dn = "uid=" + name + ",ou=people10,dc=example,dc=org";
        Map<String, Object> u = user(a, name, "Dis", "Able");
        feed.user("disables", "CREATE", u);
        awaitCaughtUp("ldap-uac", "disables");
        // DONT_EXPIRE_PASSWORD (0x10000) | NORMAL_ACCOUNT, as an administrator may have set it
        connection().modify(dn, new com.unboundid.ldap.sdk.Modification(
                com.unboundid.ldap.sdk.ModificationType.REPLACE, "userAccountControl", "66048"));
        u.put("active", false);
        feed.user("disables", "UPDATE", u);
        awaitCaughtUp("ldap-uac", "disables");
        assertThat(entry(dn).getAttributeValue("userAccountControl")).isEqualTo(String.valueOf(66048 | 2));
        u.put("active", true);
        feed.user("disables", "UPDATE", u);
        awaitCaughtUp("ldap-uac", "disables");
        assertThat(entry(dn).getAttributeValue("userAccountControl")).isEqualTo("66048");
    }
}
