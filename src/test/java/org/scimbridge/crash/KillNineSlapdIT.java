package org.scimbridge.crash;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The kill -9 scenario writing into a real OpenLDAP slapd ({@code scripts/slapd-start.sh}). */
@EnabledIfEnvironmentVariable(named = "SCIM_BRIDGE_TEST_LDAP_URL", matches = "ldap://.+")
class KillNineSlapdIT extends KillNineIT {

    @Override
    String startLdap() {
        return System.getenv("SCIM_BRIDGE_TEST_LDAP_URL");
    }

    @Override
    LDAPConnection connect() throws Exception {
        LDAPURL url = new LDAPURL(ldapUrl);
        return new LDAPConnection(url.getHost(), url.getPort(), "cn=admin,dc=example,dc=org", "admin");
    }
}
