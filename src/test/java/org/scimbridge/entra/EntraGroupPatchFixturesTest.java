package org.scimbridge.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.scimbridge.testsupport.Json.fixtureBody;
import static org.scimbridge.testsupport.Patches.group;
import static org.scimbridge.testsupport.Patches.normalize;
import static org.scimbridge.testsupport.Patches.ops;
import static org.scimbridge.testsupport.Patches.storedGroup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.scimbridge.scim.patch.MembersReplacePolicy;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.patch.MemberRef;
import org.scimbridge.scim.patch.MembershipChange;
import org.scimbridge.scim.patch.PatchResult;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.testsupport.Json;

/** Entra's group PATCH fixtures (36-42): attribute changes and the MembershipChanges they produce. */
class EntraGroupPatchFixturesTest {

    static final MembersReplacePolicy ENTRA = MembersReplacePolicy.ENTRA;
    static final MembersReplacePolicy RFC = MembersReplacePolicy.RFC;

    @Test
    void fixture36_capitalisedReplaceRenames() {
        PatchResult r = group(storedGroup(), fixtureBody(36), ENTRA);
        assertThat(r.resource().get("displayName").asText())
                .isEqualTo("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");
        assertThat(r.membershipChanges()).isEmpty();
        assertThat(r.resource().has("members")).isFalse();
    }

    @Nested
    class MemberAdd {
        @Test
        void fixture37_addOneMemberWithNullRef() {
            PatchResult r = group(storedGroup(), fixtureBody(37), ENTRA);
            assertThat(r.membershipChanges()).containsExactly(
                    new MembershipChange.Add(List.of(new MemberRef("f648f8d5ea4e4cd38e9c", null))));
            assertThat(r.resource()).isEqualTo(storedGroup());
        }

        @Test
        void fixture38_addSeveralMembersInOneOp() {
            PatchResult r = group(storedGroup(), fixtureBody(38), ENTRA);
            assertThat(r.membershipChanges()).containsExactly(new MembershipChange.Add(List.of(
                    new MemberRef("f648f8d5ea4e4cd38e9c", null), new MemberRef("5d48a0a8e9f04aa38008", null),
                    new MemberRef("2441309d85324e7793ae", null))));
        }

        @Test
        void tenThousandMembersInOneOp() {
            ArrayNode members = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < 10_000; i++) {
                members.addObject().put("value", "user-" + i).put("type", i % 2 == 0 ? "User" : "group");
            }
            ObjectNode body = (ObjectNode) ops("[]");
            body.withArray("Operations").addObject().put("op", "Add").put("path", "members").set("value", members);

            PatchResult r = group(storedGroup(), body, ENTRA);

            assertThat(r.membershipChanges()).hasSize(1);
            List<MemberRef> added = ((MembershipChange.Add) r.membershipChanges().get(0)).members();
            assertThat(added).hasSize(10_000);
            assertThat(added.get(9_999)).isEqualTo(new MemberRef("user-9999", "Group"));
        }

        @Test
        void singleObjectValueIsAccepted() {
            PatchResult r = group(storedGroup(), ops("[{\"op\":\"add\",\"path\":\"members\",\"value\":{\"value\":\"x\"}}]"),
                    ENTRA);
            assertThat(r.membershipChanges()).containsExactly(new MembershipChange.Add(List.of(new MemberRef("x", null))));
        }

        @Test
        void elementWithoutValueIsInvalidValue() {
            assertThatThrownBy(() -> group(storedGroup(),
                    ops("[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"display\":\"x\"}]}]"), ENTRA))
                    .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
        }
    }

    @Nested
    class MemberRemoveByValue {
        @Test
        void fixture39_removesOnlyTheListedMember() {
            PatchResult r = group(storedGroup(), fixtureBody(39), ENTRA);
            assertThat(r.membershipChanges()).containsExactly(new MembershipChange.Remove(List.of("u1091")));
            assertThat(normalize(ResourceKind.GROUP, fixtureBody(39)).quirks())
                    .contains(EntraQuirk.MEMBER_REMOVE_BY_VALUE, EntraQuirk.CAPITALIZED_OP);
        }

        @Test
        void removeWithoutValueRemovesAll() {
            PatchResult r = group(storedGroup(), ops("[{\"op\":\"remove\",\"path\":\"members\"}]"), ENTRA);
            assertThat(r.membershipChanges()).containsExactly(new MembershipChange.RemoveAll());
        }

        @Test
        void removeWithEmptyListRemovesNoOne() {
            PatchResult r = group(storedGroup(), ops("[{\"op\":\"remove\",\"path\":\"members\",\"value\":[]}]"), ENTRA);
            assertThat(r.membershipChanges()).isEmpty();
        }
    }

    @Nested
    class MemberRemoveByFilter {
        @Test
        void fixture40_removesTheFilteredMember() {
            PatchResult r = group(storedGroup(), fixtureBody(40), ENTRA);
            assertThat(r.membershipChanges()).containsExactly(
                    new MembershipChange.Remove(List.of("7f4bc1a3-285e-48ae-8202-5accb43efb0e")));
            assertThat(normalize(ResourceKind.GROUP, fixtureBody(40)).quirks())
                    .contains(EntraQuirk.MEMBER_REMOVE_BY_FILTER);
        }

        @Test
        void orOfSeveralValueEqRemovesEach() {
            PatchResult r = group(storedGroup(), ops(
                    "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"a\\\" or value eq \\\"b\\\"]\"}]"), ENTRA);
            assertThat(r.membershipChanges()).containsExactly(new MembershipChange.Remove(List.of("a", "b")));
        }

        @Test
        void otherFiltersAreInvalidFilter() {
            for (String path : List.of("members[display eq \\\"x\\\"]", "members[value ne \\\"x\\\"]",
                    "members[value eq \\\"a\\\" and type eq \\\"User\\\"]")) {
                assertThatThrownBy(() -> group(storedGroup(),
                        ops("[{\"op\":\"remove\",\"path\":\"" + path + "\"}]"), ENTRA))
                        .isInstanceOfSatisfying(ScimException.class,
                                e -> assertThat(e.scimType()).isEqualTo("invalidFilter"));
            }
        }
    }

    @Nested
    class MembersReplace {
        @Test
        void fixture41_entraPolicyAdds() {
            PatchResult r = group(storedGroup(), fixtureBody(41), ENTRA);
            assertThat(r.membershipChanges()).containsExactly(new MembershipChange.Add(List.of(new MemberRef("673", null))));
            assertThat(normalize(ResourceKind.GROUP, fixtureBody(41)).quirks()).contains(EntraQuirk.MEMBERS_REPLACE);
        }

        @Test
        void fixture41_rfcPolicyReplacesAll() {
            PatchResult r = group(storedGroup(), fixtureBody(41), RFC);
            assertThat(r.membershipChanges())
                    .containsExactly(new MembershipChange.ReplaceAll(List.of(new MemberRef("673", null))));
        }

        @Test
        void changesKeepRequestOrder() {
            PatchResult r = group(storedGroup(), ops("""
                    [{"op":"Add","path":"members","value":[{"value":"a"}]},
                     {"op":"replace","path":"displayName","value":"New"},
                     {"op":"Remove","path":"members","value":[{"value":"b"}]},
                     {"op":"remove","path":"members"}]"""), RFC);
            assertThat(r.membershipChanges()).containsExactly(
                    new MembershipChange.Add(List.of(new MemberRef("a", null))),
                    new MembershipChange.Remove(List.of("b")), new MembershipChange.RemoveAll());
            assertThat(r.resource().get("displayName").asText()).isEqualTo("New");
        }
    }

    @Nested
    class IdInValueMap {
        @Test
        void fixture42_pathlessRenameIgnoresIdAndLeavesMembersAlone() {
            PatchResult r = group(storedGroup(), fixtureBody(42), ENTRA);
            assertThat(r.resource().get("displayName").asText()).isEqualTo("Updated Group Name");
            assertThat(r.resource().get("id").asText()).isEqualTo("g1");
            assertThat(r.membershipChanges()).isEmpty();
            assertThat(normalize(ResourceKind.GROUP, fixtureBody(42)).quirks())
                    .contains(EntraQuirk.PATHLESS_VALUE_MAP, EntraQuirk.ID_IN_VALUE_MAP);
        }

        @Test
        void pathlessReplaceWithMembersKeyChangesMembership() {
            PatchResult r = group(storedGroup(), Json.parse("""
                    {"Operations":[{"op":"replace","value":{"displayName":"X","members":[{"value":"m1"}]}}]}"""), RFC);
            assertThat(r.membershipChanges())
                    .containsExactly(new MembershipChange.ReplaceAll(List.of(new MemberRef("m1", null))));
        }
    }
}
