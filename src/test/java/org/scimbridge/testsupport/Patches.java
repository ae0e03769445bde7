package org.scimbridge.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.scimbridge.scim.patch.MembersReplacePolicy;
import org.scimbridge.entra.EntraPatchNormalizer;
import org.scimbridge.entra.NormalizedPatch;
import org.scimbridge.scim.filter.FilterParser;
import org.scimbridge.scim.patch.PatchApplier;
import org.scimbridge.scim.patch.PatchOpType;
import org.scimbridge.scim.patch.PatchOperation;
import org.scimbridge.scim.patch.PatchResult;
import org.scimbridge.scim.schema.ResourceKind;

/** Normalise an Entra PATCH body and apply it, as the route will. */
public final class Patches {

    private static final EntraPatchNormalizer NORMALIZER = new EntraPatchNormalizer();
    private static final PatchApplier APPLIER = new PatchApplier();

    private Patches() {
    }

    public static NormalizedPatch normalize(ResourceKind kind, JsonNode body) {
        return NORMALIZER.normalize(kind, body);
    }

    public static PatchResult apply(ResourceKind kind, ObjectNode current, JsonNode body,
            MembersReplacePolicy policy) {
        return APPLIER.apply(kind, current, normalize(kind, body).operations(), policy);
    }

    public static ObjectNode user(ObjectNode current, JsonNode body) {
        return apply(ResourceKind.USER, current, body, MembersReplacePolicy.ENTRA).resource();
    }

    public static ObjectNode user(ObjectNode current, String body) {
        return user(current, Json.parse(body));
    }

    public static PatchResult group(ObjectNode current, JsonNode body, MembersReplacePolicy policy) {
        return apply(ResourceKind.GROUP, current, body, policy);
    }

    /** A PatchOp body with the given operations JSON array. */
    public static JsonNode ops(String operationsArray) {
        return Json.parse("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                + operationsArray + "}");
    }

    /** A stored user with a work email, a name and no enterprise data. */
    /** One canonical {@code replace} of {@code path} with {@code valueJson}, applied to {@link #storedUser()}. */
    public static ObjectNode replaceOnStoredUser(String path, String valueJson) {
        PatchOperation op = new PatchOperation(PatchOpType.REPLACE, FilterParser.parsePatchPath(path),
                Json.parse(valueJson));
        return APPLIER.apply(ResourceKind.USER, storedUser(), List.of(op), MembersReplacePolicy.ENTRA)
                .resource();
    }

    public static ObjectNode storedUser() {
        return Json.object("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "id":"u1","userName":"babs@contoso.com","displayName":"Babs","active":true,
                 "name":{"givenName":"Barbara","familyName":"Jensen","formatted":"Barbara Jensen"},
                 "emails":[{"type":"work","value":"babs@contoso.com","primary":true}]}
                """);
    }

    public static ObjectNode storedGroup() {
        return Json.object("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g1","displayName":"Sales",
                 "externalId":"8aa1a0c0"}
                """);
    }
}
