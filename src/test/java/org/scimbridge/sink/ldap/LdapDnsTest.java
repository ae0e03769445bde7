package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.RDN;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** DN (RFC 4514) and filter (RFC 4515) escaping, checked against UnboundID's own parser as the referee. */
class LdapDnsTest {

    static final String BASE = "ou=people,dc=example,dc=org";

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "a+b", "a\"b", "a\\b", "a<b>", "a;b", "a=b", "a,b+c\"d\\e<f>g;h=i",
            " lead", "trail ", " both ", "#hash", "star*(paren)", "Zoë Ünïcødé 名前", "nul\u0000x"})
    void childDnRoundTripsThroughAnRfc4514Parser(String value) throws Exception {
        String dn = LdapDns.child(BASE, "uid", value);
        DN parsed = new DN(dn);
        assertThat(parsed.getRDN().getAttributeValues()).containsExactly(value);
        assertThat(parsed.getParent()).isEqualTo(new DN(BASE));
        assertThat(parsed).isEqualTo(new DN(new RDN("uid", value), new DN(BASE)));
        assertThat(LdapDns.rdnValue(dn)).isEqualTo(value);
        assertThat(LdapDns.same(dn, new DN(new RDN("uid", value), new DN(BASE)).toString())).isTrue();
        String moved = LdapDns.moveTo(dn, "ou=disabled,dc=example,dc=org");
        assertThat(new DN(moved).getRDN()).isEqualTo(parsed.getRDN());
    }

    @Test
    void specialCharactersAreEscapedInTheDnString() {
        assertThat(LdapDns.child(BASE, "uid", "a,b")).isEqualTo("uid=a\\,b," + BASE);
        assertThat(LdapDns.child(BASE, "uid", " x ")).isEqualTo("uid=\\ x\\ ," + BASE);
        assertThat(LdapDns.child(BASE, "uid", "#x")).isEqualTo("uid=\\#x," + BASE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"star*", "(paren)", "back\\slash", "nul\u0000", "plain", "Zoë", "a,b+c=d"})
    void filterValuesAreEscapedPerRfc4515(String value) throws Exception {
        String filter = LdapDns.eq("uid", value);
        Filter parsed = Filter.create(filter);
        assertThat(parsed.getFilterType()).isEqualTo(Filter.FILTER_TYPE_EQUALITY);
        assertThat(parsed.getAssertionValue()).isEqualTo(value);
        assertThat(Filter.create(filter)).isEqualTo(Filter.createEqualityFilter("uid", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a\"b", "a\\b", "plain"})
    void jndiStringNamesSurviveCompositeNameParsing(String value) throws Exception {
        String dn = LdapDns.child(BASE, "uid", value);
        javax.naming.CompositeName parsed = new javax.naming.CompositeName(LdapDns.jndi(dn));
        assertThat(parsed.size()).isEqualTo(1);
        assertThat(parsed.get(0)).isEqualTo(dn);
    }

    @Test
    void anyOfBuildsAnOrOfEscapedTerms() throws Exception {
        Filter f = Filter.create(LdapDns.anyOf("member", List.of("uid=a\\,b,ou=p", "uid=(x)*,ou=p")));
        assertThat(f.getFilterType()).isEqualTo(Filter.FILTER_TYPE_OR);
        assertThat(f.getComponents()).extracting(Filter::getAssertionValue)
                .containsExactly("uid=a\\,b,ou=p", "uid=(x)*,ou=p");
    }
}
