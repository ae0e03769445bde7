package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.List;
import java.util.UUID;
import org.scimbridge.testsupport.ScimClient;
import org.scimbridge.testsupport.ScimClient.Response;

/**
 * A scripted Entra provisioning cycle over HTTP, in both PATCH dialects: create users and groups, add members
 * one per PATCH (one of them with the captured one-member {@code replace}), update attributes, set a manager,
 * disable and re-enable, remove members both ways, rename a group, delete a user. Then the SCIM state is
 * compared field by field, and the LDAP tree entry by entry once the sink has caught up.
 */
final class EntraCycle {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String PEOPLE = "ou=people,dc=example,dc=org";
    private static final String GROUPS = "ou=groups,dc=example,dc=org";

    private final ScimClient scim;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    String alice;
    String bob;
    String carol;
    String engineering;
    String sales;

    EntraCycle(ScimClient scim) {
        this.scim = scim;
    }

    String userName(String who) {
        return who + "." + run + "@contoso.com";
    }

    String groupName(String name) {
        return name + " " + run;
    }

    void provision() {
        alice = create("/Users", userBody("alice", "Alice", "Smith"));
        bob = create("/Users", userBody("bob", "Bob", "Jones"));
        carol = create("/Users", userBody("carol", "Carol", "King"));
        engineering = create("/Groups", groupBody(groupName("Engineering")));
        sales = create("/Groups", groupBody(groupName("Sales")));

        // memberships, one per PATCH, as Entra sends them
        patch204("/Groups/" + engineering, "", addMember(alice));
        patch204("/Groups/" + engineering, "", addMember(bob));
        patch204("/Groups/" + engineering, "?aadOptscim062020", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","path":"members","value":[{"value":"%s"}]}]}""".formatted(carol));
        patch204("/Groups/" + sales, "", addMember(alice));
        patch204("/Groups/" + sales, "", addMember(bob));

        // attribute updates: default dialect for alice, aadOptscim062020 for bob
        patch200("/Users/" + alice, "", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"displayName","value":"Alicia Smith-Jones"},
                 {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"%s"},
                 {"op":"Replace","path":"name.givenName","value":"Alicia"},
                 {"op":"Add","path":"%s:department","value":"R&D"}]}""".formatted(userName("alicia"), ENTERPRISE));
        patch200("/Users/" + bob, "?aadOptscim062020", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","value":{"displayName":"Robert Builder","name.givenName":"Robert",
                  "name.familyName":"Builder","%s:employeeNumber":"42"}}]}""".formatted(ENTERPRISE));
        patch200("/Users/" + carol, "", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Add","path":"%s:manager","value":"%s"}]}""".formatted(ENTERPRISE, alice));

        // disable (string boolean, default dialect), then re-enable (flag dialect)
        patch200("/Users/" + bob, "", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"active","value":"False"}]}""");
        assertThat(scim.get("/Users/" + bob).json().get("active").asBoolean()).isFalse();
        patch200("/Users/" + bob, "?aadOptscim062020", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","path":"active","value":true}]}""");

        // member removal, both dialects
        patch204("/Groups/" + engineering, "", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Remove","path":"members","value":[{"value":"%s"}]}]}""".formatted(alice));
        patch204("/Groups/" + sales, "?aadOptscim062020", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(bob));

        // group rename as a path-less replace, then a hard delete of carol
        patch204("/Groups/" + sales, "", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","value":{"id":"%s","displayName":"%s"}}]}""".formatted(sales, groupName("Sales EMEA")));
        assertThat(scim.delete("/Users/" + carol).status()).isEqualTo(204);
    }

    void assertScimState() {
        JsonNode a = scim.get("/Users/" + alice).json();
        assertThat(a.get("userName").asText()).isEqualTo(userName("alice"));
        assertThat(a.get("displayName").asText()).isEqualTo("Alicia Smith-Jones");
        assertThat(a.at("/name/givenName").asText()).isEqualTo("Alicia");
        assertThat(a.at("/name/familyName").asText()).isEqualTo("Smith");
        assertThat(a.get("emails")).hasSize(1);
        assertThat(a.at("/emails/0/value").asText()).isEqualTo(userName("alicia"));
        assertThat(a.at("/emails/0/type").asText()).isEqualTo("work");
        assertThat(a.get(ENTERPRISE).get("department").asText()).isEqualTo("R&D");
        assertThat(a.get("active").asBoolean()).isTrue();

        JsonNode b = scim.get("/Users/" + bob).json();
        assertThat(b.get("displayName").asText()).isEqualTo("Robert Builder");
        assertThat(b.at("/name/givenName").asText()).isEqualTo("Robert");
        assertThat(b.at("/name/familyName").asText()).isEqualTo("Builder");
        assertThat(b.has("name.givenName")).isFalse();
        assertThat(b.get(ENTERPRISE).get("employeeNumber").asText()).isEqualTo("42");
        assertThat(b.get("active").isBoolean()).isTrue();
        assertThat(b.get("active").asBoolean()).isTrue();

        assertThat(scim.get("/Users/" + carol).status()).isEqualTo(404);

        JsonNode eng = scim.get("/Groups/" + engineering).json();
        assertThat(eng.get("members")).extracting(m -> m.get("value").asText()).containsExactly(bob);
        JsonNode s = scim.get("/Groups/" + sales).json();
        assertThat(s.get("displayName").asText()).isEqualTo(groupName("Sales EMEA"));
        assertThat(s.get("members")).extracting(m -> m.get("value").asText()).containsExactly(alice);
    }

    void assertLdapTree(LDAPConnection ldap) throws LDAPException {
        String aliceDn = "uid=" + userName("alice") + "," + PEOPLE;
        String bobDn = "uid=" + userName("bob") + "," + PEOPLE;
        Entry a = ldap.getEntry(aliceDn);
        assertThat(a).as(aliceDn).isNotNull();
        assertThat(a.getAttributeValue("cn")).isEqualTo("Alicia Smith-Jones");
        assertThat(a.getAttributeValue("givenName")).isEqualTo("Alicia");
        assertThat(a.getAttributeValue("sn")).isEqualTo("Smith");
        assertThat(a.getAttributeValue("mail")).isEqualTo(userName("alicia"));
        assertThat(a.getAttributeValue("departmentNumber")).isEqualTo("R&D");
        Entry b = ldap.getEntry(bobDn);
        assertThat(b).as("bob re-enabled, back under people").isNotNull();
        assertThat(b.getAttributeValue("sn")).isEqualTo("Builder");
        assertThat(b.getAttributeValue("employeeNumber")).isEqualTo("42");
        assertThat(ldap.search(PEOPLE, SearchScope.ONE, "(uid=" + userName("carol") + ")").getEntryCount())
                .as("carol deleted").isZero();
        Entry eng = ldap.getEntry("cn=" + groupName("Engineering") + "," + GROUPS);
        assertThat(List.of(eng.getAttributeValues("member"))).containsExactly(bobDn);
        Entry s = ldap.getEntry("cn=" + groupName("Sales EMEA") + "," + GROUPS);
        assertThat(s).as("group renamed").isNotNull();
        assertThat(List.of(s.getAttributeValues("member"))).containsExactly(aliceDn);
        assertThat(ldap.getEntry("cn=" + groupName("Sales") + "," + GROUPS)).as("old group DN gone").isNull();
    }

    private String userBody(String who, String given, String family) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],
                 "externalId":"%s","userName":"%s","active":"True","displayName":"%s %s",
                 "name":{"givenName":"%s","familyName":"%s","formatted":"%s %s"},
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "%s":{"department":"Sales"}}"""
                .formatted(ENTERPRISE, UUID.randomUUID(), userName(who), given, family, given, family, given, family,
                        userName(who), ENTERPRISE);
    }

    private static String groupBody(String displayName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"externalId":"%s","displayName":"%s",
                 "members":[]}""".formatted(UUID.randomUUID(), displayName);
    }

    private static String addMember(String id) {
        return """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"}]}]}""".formatted(id);
    }

    private String create(String path, String body) {
        Response r = scim.post(path, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.id();
    }

    private void patch200(String path, String query, String body) {
        Response r = scim.patch(path + query, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private void patch204(String path, String query, String body) {
        Response r = scim.patch(path + query, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }
}
