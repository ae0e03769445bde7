package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.RDN;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * userNames with characters DNs (RFC 4514) and filters (RFC 4515) must escape go through create, group
 * membership, rename and delete; the entry is then found by an UnboundID-escaped filter, so both sides agree.
 */
class LdapSinkEscapingTest extends LdapSinkTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"a,b+c\"d\\e<f>g;h=i", "star*(paren)", " lead and trail ", "#hash", "Zoë Ünïcødé 名前"})
    void specialUserNamesRoundTrip(String special) throws Exception {
        String a = uid();
        String g = uid();
        String name = special + a.substring(0, 4);
        Map<String, Object> u = user(a, name, "Es", "Cape");
        feed.user("demo", "CREATE", u);
        feed.group("demo", "CREATE", group(g, "Esc " + special + g.substring(0, 4)), List.of(a), List.of());
        awaitDemo();

        String dn = new DN(new RDN("uid", name), new DN(PEOPLE)).toString();
        Entry e = entry(dn);
        assertThat(e).as("entry at %s", dn).isNotNull();
        assertThat(e.getAttributeValue("uid")).isEqualTo(name);
        List<String> found = dnsUnder(PEOPLE, Filter.createEqualityFilter("uid", name).toString());
        assertThat(found).hasSize(1);
        assertThat(new DN(found.get(0))).isEqualTo(new DN(dn));

        String groupDn = new DN(new RDN("cn", "Esc " + special + g.substring(0, 4)), new DN(GROUPS)).toString();
        assertThat(entry(groupDn).getAttributeValues("member")).hasSize(1)
                .allSatisfy(m -> assertThat(new DN(m)).isEqualTo(new DN(dn)));

        // rename to another special name: group follows
        String renamed = name + ",x*";
        u.put("userName", renamed);
        feed.user("demo", "UPDATE", u);
        awaitDemo();
        String newDn = new DN(new RDN("uid", renamed), new DN(PEOPLE)).toString();
        assertThat(entry(dn)).isNull();
        assertThat(entry(newDn)).isNotNull();
        assertThat(entry(groupDn).getAttributeValues("member"))
                .allSatisfy(m -> assertThat(new DN(m)).isEqualTo(new DN(newDn)));

        feed.user("demo", "DELETE", Map.of("id", a, "userName", renamed));
        awaitDemo();
        assertThat(entry(newDn)).isNull();
        assertThat(entry(groupDn).getAttributeValues("member")).containsExactly(PLACEHOLDER);
        assertThat(feedStore.parked("ldap-default")).noneMatch(p -> p.resourceId().equals(a));
    }
}
