package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimbridge.sink.ScimPath;

/** The SCIM-to-LDAP attribute map on Entra-shaped users. */
class UserAttributeMapTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void defaultMapReadsEveryEntraAttribute() throws Exception {
        JsonNode user = json("""
                {"id":"u1","userName":"ada@contoso.com","active":true,"displayName":"Ada L.",
                 "name":{"givenName":"Ada","familyName":"Lovelace","formatted":"Ada Lovelace"},
                 "emails":[{"value":"home@x.org","type":"home"},{"value":"ada@contoso.com","type":"work","primary":true}],
                 "phoneNumbers":[{"value":"+1 555","type":"work"},{"value":"+1 666","type":"mobile"}],
                 "title":"Engineer",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                   {"department":"R&D","employeeNumber":"42","manager":{"value":"boss"}}}
                """);
        Map<String, List<String>> m = UserAttributeMap.map(user, UserAttributeMap.DEFAULTS,
                id -> id.equals("boss") ? "uid=boss,ou=people,dc=example,dc=org" : null);
        assertThat(m).containsEntry("cn", List.of("Ada L.")).containsEntry("sn", List.of("Lovelace"))
                .containsEntry("givenName", List.of("Ada")).containsEntry("displayName", List.of("Ada L."))
                .containsEntry("mail", List.of("ada@contoso.com"))
                .containsEntry("telephoneNumber", List.of("+1 555")).containsEntry("mobile", List.of("+1 666"))
                .containsEntry("title", List.of("Engineer")).containsEntry("departmentNumber", List.of("R&D"))
                .containsEntry("employeeNumber", List.of("42"))
                .containsEntry("manager", List.of("uid=boss,ou=people,dc=example,dc=org"));
    }

    @Test
    void fallbacksFillTheMustAttributesAndAbsentValuesMeanRemove() throws Exception {
        JsonNode user = json("""
                {"id":"u2","userName":"bare","name":{"givenName":null},"title":"",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"unknown"}}}
                """);
        Map<String, List<String>> m = UserAttributeMap.map(user, UserAttributeMap.DEFAULTS, id -> null);
        assertThat(m.get("cn")).containsExactly("bare");
        assertThat(m.get("sn")).containsExactly("bare");
        assertThat(m.get("givenName")).isEmpty();
        assertThat(m.get("title")).as("empty string is no value").isEmpty();
        assertThat(m.get("mail")).isEmpty();
        assertThat(m.get("manager")).as("manager not provisioned in the target yet").isEmpty();
    }

    @Test
    void pathsAreCaseInsensitiveAndSelectByTypeIndexOrPrimary() throws Exception {
        JsonNode user = json("""
                {"Emails":[{"Value":"a@x","Type":"Work"},{"value":"b@x","type":"other"}]}
                """);
        assertThat(ScimPath.values(user, "emails[type=work].value")).containsExactly("a@x");
        assertThat(ScimPath.values(user, "emails[1].value")).containsExactly("b@x");
        assertThat(ScimPath.values(user, "emails.value")).containsExactly("a@x", "b@x");
        assertThat(ScimPath.values(user, "emails[primary].value")).isEmpty();
    }
}
