package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lifecycle of users and groups, from feed rows to the LDAP tree, entry by entry and attribute by attribute. */
class LdapSinkLifecycleTest extends LdapSinkTestBase {

    @Test
    void createWritesEveryMappedAttributeAndManagerAsDn() throws Exception {
        String bossId = uid();
        String id = uid();
        feed.user("demo", "CREATE", user(bossId, "boss." + bossId.substring(0, 6), "Bo", "Ss"));
        Map<String, Object> u = user(id, "ada." + id.substring(0, 6), "Ada", "Lovelace");
        u.put("title", "Engineer");
        u.put("phoneNumbers", List.of(Map.of("value", "+1 555 0100", "type", "work"),
                Map.of("value", "+1 555 0199", "type", "mobile")));
        u.put(ENTERPRISE, Map.of("department", "R&D", "employeeNumber", "42", "manager", Map.of("value", bossId)));
        feed.user("demo", "CREATE", u);
        awaitDemo();

        Entry e = entry("uid=ada." + id.substring(0, 6) + "," + PEOPLE);
        assertThat(e).as("entry created").isNotNull();
        assertThat(e.getObjectClassValues()).contains("inetOrgPerson", "organizationalPerson", "person", "top");
        assertThat(e.getAttributeValue("uid")).isEqualTo("ada." + id.substring(0, 6));
        assertThat(e.getAttributeValue("cn")).isEqualTo("Ada Lovelace");
        assertThat(e.getAttributeValue("sn")).isEqualTo("Lovelace");
        assertThat(e.getAttributeValue("givenName")).isEqualTo("Ada");
        assertThat(e.getAttributeValue("displayName")).isEqualTo("Ada Lovelace");
        assertThat(e.getAttributeValue("mail")).isEqualTo("ada." + id.substring(0, 6) + "@example.com");
        assertThat(e.getAttributeValue("telephoneNumber")).isEqualTo("+1 555 0100");
        assertThat(e.getAttributeValue("mobile")).isEqualTo("+1 555 0199");
        assertThat(e.getAttributeValue("title")).isEqualTo("Engineer");
        assertThat(e.getAttributeValue("departmentNumber")).isEqualTo("R&D");
        assertThat(e.getAttributeValue("employeeNumber")).isEqualTo("42");
        assertThat(e.getAttributeValue("manager")).isEqualTo("uid=boss." + bossId.substring(0, 6) + "," + PEOPLE);
        assertThat(e.hasAttribute("description")).isFalse();
    }

    @Test
    void updateIsAMinimalModifyOfOnlyTheChangedAttributes() throws Exception {
        String id = uid();
        String name = "min." + id.substring(0, 6);
        Map<String, Object> u = user(id, name, "Min", "Imal");
        u.put("title", "Before");
        feed.user("demo", "CREATE", u);
        awaitDemo();
        String dn = "uid=" + name + "," + PEOPLE;
        String createdStamp = entry(dn).getAttributeValue("modifyTimestamp");

        // an attribute edited by hand that the map does not own must survive an update
        connection().modify(dn, new com.unboundid.ldap.sdk.Modification(
                com.unboundid.ldap.sdk.ModificationType.ADD, "roomNumber", "101"));
        u.put("title", "After");
        u.remove("phoneNumbers");
        feed.user("demo", "UPDATE", u);
        awaitDemo();

        Entry e = entry(dn);
        assertThat(e.getAttributeValue("title")).isEqualTo("After");
        assertThat(e.getAttributeValue("roomNumber")).isEqualTo("101");
        assertThat(e.getAttributeValue("cn")).isEqualTo("Min Imal");
        assertThat(createdStamp).isNotNull();

        // the same state again: the planner finds nothing to write; the one write is the position (LdapWatermark)
        long writesBefore = writes();
        feed.user("demo", "UPDATE", u);
        awaitDemo();
        assertThat(writes()).isEqualTo(writesBefore + 1);
    }

    @Test
    void groupMembershipIsModifiedValueByValueWithAPlaceholderWhileEmpty() throws Exception {
        String a = uid();
        String b = uid();
        String g = uid();
        feed.user("demo", "CREATE", user(a, "ga." + a.substring(0, 6), "G", "A"));
        feed.user("demo", "CREATE", user(b, "gb." + b.substring(0, 6), "G", "B"));
        String dnA = "uid=ga." + a.substring(0, 6) + "," + PEOPLE;
        String dnB = "uid=gb." + b.substring(0, 6) + "," + PEOPLE;
        String groupDn = "cn=Team " + g.substring(0, 6) + "," + GROUPS;

        // created empty: the placeholder member keeps groupOfNames valid
        feed.group("demo", "CREATE", group(g, "Team " + g.substring(0, 6)), List.of(), List.of());
        awaitDemo();
        Entry e = entry(groupDn);
        assertThat(e.getObjectClassValues()).contains("groupOfNames");
        assertThat(e.getAttributeValues("member")).containsExactly(PLACEHOLDER);

        // a real member arrives: placeholder goes
        feed.group("demo", "UPDATE", group(g, "Team " + g.substring(0, 6)), List.of(a), List.of());
        awaitDemo();
        assertThat(entry(groupDn).getAttributeValues("member")).containsExactly(dnA);

        feed.group("demo", "UPDATE", group(g, "Team " + g.substring(0, 6)), List.of(b), List.of());
        awaitDemo();
        assertThat(entry(groupDn).getAttributeValues("member")).containsExactlyInAnyOrder(dnA, dnB);

        feed.group("demo", "UPDATE", group(g, "Team " + g.substring(0, 6)), List.of(), List.of(a));
        awaitDemo();
        assertThat(entry(groupDn).getAttributeValues("member")).containsExactly(dnB);

        // the last member leaves: placeholder comes back
        feed.group("demo", "UPDATE", group(g, "Team " + g.substring(0, 6)), List.of(), List.of(b));
        awaitDemo();
        assertThat(entry(groupDn).getAttributeValues("member")).containsExactly(PLACEHOLDER);

        // rename the group
        feed.group("demo", "UPDATE", group(g, "Renamed " + g.substring(0, 6)), List.of(a), List.of());
        awaitDemo();
        assertThat(entry(groupDn)).isNull();
        assertThat(entry("cn=Renamed " + g.substring(0, 6) + "," + GROUPS).getAttributeValues("member"))
                .containsExactly(dnA);

        feed.group("demo", "DELETE", group(g, "Renamed " + g.substring(0, 6)), List.of(), List.of());
        awaitDemo();
        assertThat(entry("cn=Renamed " + g.substring(0, 6) + "," + GROUPS)).isNull();
    }

    @Test
    void groupCreatedWithMembersCarriesThem() throws Exception {
        String a = uid();
        String g = uid();
        feed.user("demo", "CREATE", user(a, "gm." + a.substring(0, 6), "G", "M"));
        feed.group("demo", "CREATE", group(g, "Crew " + g.substring(0, 6)), List.of(a), List.of());
        awaitDemo();
        assertThat(entry("cn=Crew " + g.substring(0, 6) + "," + GROUPS).getAttributeValues("member"))
                .containsExactly("uid=gm." + a.substring(0, 6) + "," + PEOPLE);
    }

    @Test
    void userNameChangeIsARenameAndGroupsFollow() throws Exception {
        String a = uid();
        String g = uid();
        Map<String, Object> u = user(a, "old." + a.substring(0, 6), "Re", "Name");
        feed.user("demo", "CREATE", u);
        feed.group("demo", "CREATE", group(g, "Ren " + g.substring(0, 6)), List.of(a), List.of());
        awaitDemo();
        String groupDn = "cn=Ren " + g.substring(0, 6) + "," + GROUPS;
        String oldDn = "uid=old." + a.substring(0, 6) + "," + PEOPLE;
        String newDn = "uid=new." + a.substring(0, 6) + "," + PEOPLE;
        String entryUuid = entry(oldDn).getAttributeValue("entryUUID");

        u.put("userName", "new." + a.substring(0, 6));
        feed.user("demo", "UPDATE", u);
        awaitDemo();

        assertThat(entry(oldDn)).isNull();
        Entry renamed = entry(newDn);
        assertThat(renamed.getAttributeValue("entryUUID")).as("same entry, renamed (modrdn), not re-created")
                .isEqualTo(entryUuid);
        assertThat(renamed.getAttributeValues("uid")).containsExactly("new." + a.substring(0, 6));
        assertThat(entry(groupDn).getAttributeValues("member")).containsExactly(newDn);
    }

    @Test
    void disableMovesToTheDisabledOuKeepingMembershipsAndReEnableMovesBack() throws Exception {
        String a = uid();
        String g = uid();
        Map<String, Object> u = user(a, "dis." + a.substring(0, 6), "Dis", "Abled");
        feed.user("demo", "CREATE", u);
        feed.group("demo", "CREATE", group(g, "Dis " + g.substring(0, 6)), List.of(a), List.of());
        awaitDemo();
        String groupDn = "cn=Dis " + g.substring(0, 6) + "," + GROUPS;
        String activeDn = "uid=dis." + a.substring(0, 6) + "," + PEOPLE;
        String disabledDn = "uid=dis." + a.substring(0, 6) + "," + DISABLED;

        u.put("active", false);
        feed.user("demo", "UPDATE", u);
        awaitDemo();
        assertThat(entry(activeDn)).isNull();
        assertThat(entry(disabledDn)).isNotNull();
        assertThat(entry(groupDn).getAttributeValues("member")).containsExactly(disabledDn);

        u.put("active", true);
        feed.user("demo", "UPDATE", u);
        awaitDemo();
        assertThat(entry(disabledDn)).isNull();
        assertThat(entry(activeDn)).isNotNull();
        assertThat(entry(groupDn).getAttributeValues("member")).containsExactly(activeDn);
    }

    @Test
    void deleteRemovesTheEntryAndItsDnFromEveryGroup() throws Exception {
        String a = uid();
        String b = uid();
        String g1 = uid();
        String g2 = uid();
        Map<String, Object> ua = user(a, "del." + a.substring(0, 6), "De", "Leted");
        feed.user("demo", "CREATE", ua);
        feed.user("demo", "CREATE", user(b, "keep." + b.substring(0, 6), "Ke", "Ep"));
        feed.group("demo", "CREATE", group(g1, "One " + g1.substring(0, 6)), List.of(a, b), List.of());
        feed.group("demo", "CREATE", group(g2, "Two " + g2.substring(0, 6)), List.of(a), List.of());
        awaitDemo();
        String dnA = "uid=del." + a.substring(0, 6) + "," + PEOPLE;
        String dnB = "uid=keep." + b.substring(0, 6) + "," + PEOPLE;

        // as the contract says: the DELETE, then (same transaction) an UPDATE of each group with membersRemoved
        Map<String, Object> deleted = new LinkedHashMap<>();
        deleted.put("id", a);
        deleted.put("userName", "del." + a.substring(0, 6));
        feed.user("demo", "DELETE", deleted);
        feed.group("demo", "UPDATE", group(g1, "One " + g1.substring(0, 6)), List.of(), List.of(a));
        feed.group("demo", "UPDATE", group(g2, "Two " + g2.substring(0, 6)), List.of(), List.of(a));
        awaitDemo();

        assertThat(entry(dnA)).isNull();
        assertThat(entry("cn=One " + g1.substring(0, 6) + "," + GROUPS).getAttributeValues("member"))
                .containsExactly(dnB);
        assertThat(entry("cn=Two " + g2.substring(0, 6) + "," + GROUPS).getAttributeValues("member"))
                .containsExactly(PLACEHOLDER);
        assertThat(feedStore.parked("ldap-default")).noneMatch(p -> p.resourceId().equals(a));
    }

    @Test
    void posixTargetWritesMemberUidAndDisablesByAttribute() throws Exception {
        String a = uid();
        String g = uid();
        Map<String, Object> u = user(a, "px" + a.substring(0, 6), "Po", "Six");
        feed.user("posix", "CREATE", u);
        feed.group("posix", "CREATE", group(g, "px " + g.substring(0, 6)), List.of(a), List.of());
        awaitCaughtUp("ldap-posix", "posix");
        String groupDn = "cn=px " + g.substring(0, 6) + ",ou=groups2,dc=example,dc=org";
        Entry ge = entry(groupDn);
        assertThat(ge.getObjectClassValues()).contains("posixGroup");
        assertThat(ge.getAttributeValueAsLong("gidNumber")).isGreaterThanOrEqualTo(5000L);
        assertThat(ge.getAttributeValues("memberUid")).containsExactly("px" + a.substring(0, 6));

        u.put("active", false);
        feed.user("posix", "UPDATE", u);
        awaitCaughtUp("ldap-posix", "posix");
        String dn = "uid=px" + a.substring(0, 6) + ",ou=people2,dc=example,dc=org";
        assertThat(entry(dn).getAttributeValue("description")).isEqualTo("locked");

        u.put("active", true);
        feed.user("posix", "UPDATE", u);
        awaitCaughtUp("ldap-posix", "posix");
        assertThat(entry(dn).hasAttribute("description")).isFalse();
        assertThat(entry(groupDn).getAttributeValues("memberUid")).containsExactly("px" + a.substring(0, 6));
    }

    private long writes() {
        var c = camel.getRegistry().findSingleByType(io.micrometer.core.instrument.MeterRegistry.class)
                .find("scim_bridge_sink_ldap_writes_total").tag("sink", "ldap-default").counter();
        return c == null ? 0 : (long) c.count();
    }
}
