package org.scimbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimbridge.scim.model.ScimJson;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.store.ResourceWriter;
import org.scimbridge.testsupport.ScimClient;
import org.scimbridge.testsupport.ScimClient.Response;
import org.scimbridge.store.FeedSequencer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * 10,000 members in ten PATCHes of {@code max-members-per-patch} (1000, the default) each, then one more member
 * added and one removed: membership is a set in its own table, so the small changes touch one row each and the
 * change feed carries just that delta.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LargeGroupPatchTest {

    @LocalServerPort
    int port;

    @Autowired
    ResourceWriter writer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FeedSequencer sequencer;

    @Test
    void tenThousandMembersInPatchesOfTheMembersPerPatchLimitThenSmallDeltas() {
        ScimClient client = new ScimClient(port, "rfc-dir", "rfc-token");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) { // created in-process: the HTTP path of a create is tested elsewhere
            ObjectNode user = ScimJson.object().put("userName", "big-" + run + "-" + i);
            ids.add(writer.create("rfc-dir", ResourceKind.USER, user, List.of()).id());
        }
        String group = client.post("/Groups", "{\"displayName\":\"Big " + run + "\"}").id();
        for (int batch = 0; batch < 10; batch++) {
            StringBuilder members = new StringBuilder();
            for (String id : ids.subList(batch * 1000, (batch + 1) * 1000)) {
                members.append(members.length() == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
            }
            Response add = client.patch("/Groups/" + group, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"Add","path":"members","value":[%s]}]}""".formatted(members));
            assertThat(add.status()).as(add.toString()).isEqualTo(204);
        }
        assertThat(memberCount(group)).isEqualTo(10_000);

        Response one = client.patch("/Groups/" + group, """
                {"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]},
                               {"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(ids.get(10_000),
                ids.get(0)));
        assertThat(one.status()).isEqualTo(204);
        assertThat(memberCount(group)).isEqualTo(10_000);
        sequencer.sequence("rfc-dir");
        String payload = jdbc.queryForObject("SELECT payload FROM scim_change WHERE directory_id = 'rfc-dir'"
                + " AND resource_id = ? ORDER BY seq DESC LIMIT 1", String.class, group);
        assertThat(payload).contains("\"membersAdded\":[{\"value\":\"" + ids.get(10_000) + "\"")
                .contains("\"membersRemoved\":[{\"value\":\"" + ids.get(0) + "\"");
        assertThat(payload.length()).isLessThan(2_000);
        assertThat(client.get("/Groups/" + group + "?excludedAttributes=members").json().has("members")).isFalse();
    }

    private int memberCount(String group) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM scim_group_member WHERE group_id = ?", Integer.class, group);
    }
}
