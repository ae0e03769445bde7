package org.scimbridge.camel;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.config.BridgeProperties.DirectoryProperties;
import org.scimbridge.scim.patch.MembersReplacePolicy;
import org.scimbridge.entra.NormalizedPatch;
import org.scimbridge.scim.patch.MemberRef;
import org.scimbridge.scim.patch.MembersPerPatch;
import org.scimbridge.scim.patch.MembershipChange;
import org.scimbridge.scim.patch.PatchApplier;
import org.scimbridge.scim.patch.PatchResult;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.store.MembershipUpdate;
import org.scimbridge.store.ResourcePatch;
import org.scimbridge.store.ResourceWriter;
import org.scimbridge.limits.RequestLimits;
import org.scimbridge.scim.model.ValuesPerAttribute;
import org.springframework.stereotype.Component;

/**
 * Applies the canonical operations under the store's row lock: wholly or not at all, with the directory's
 * {@code members-replace} policy and {@code If-Match}.
 */
@Component("applyPatch")
public class ApplyPatchProcessor implements Processor {

    private final ResourceWriter writer;
    private final RequestLimits limits;
    private final PatchApplier applier = new PatchApplier();

    public ApplyPatchProcessor(ResourceWriter writer, RequestLimits limits) {
        this.writer = writer;
        this.limits = limits;
    }

    @Override
    public void process(Exchange exchange) {
        ResourceKind kind = ScimExchange.kind(exchange);
        NormalizedPatch patch = exchange.getProperty(NormalizePatchProcessor.OPERATIONS, NormalizedPatch.class);
        DirectoryProperties directory = ScimExchange.directory(exchange);
        MembersReplacePolicy policy = directory == null ? MembersReplacePolicy.ENTRA : directory.membersReplace();
        ResourcePatch change = current -> {
            PatchResult result = applier.apply(kind, current, patch.operations(), policy);
            MembersPerPatch.check(result.membershipChanges(), limits.maxMembersPerPatch());
            ValuesPerAttribute.checkGrowth(current, result.resource(), limits.maxValuesPerAttribute());
            return new ResourcePatch.Outcome(result.resource(), toUpdates(result.membershipChanges()));
        };
        exchange.getMessage().setBody(writer.patch(ScimExchange.directoryId(exchange), kind,
                ScimExchange.resourceId(exchange), change, ScimExchange.header(exchange, "If-Match")));
    }

    static List<MembershipUpdate> toUpdates(List<MembershipChange> changes) {
        List<MembershipUpdate> updates = new ArrayList<>();
        for (MembershipChange change : changes) {
            if (change instanceof MembershipChange.Add add) {
                updates.add(new MembershipUpdate.Add(ids(add.members())));
            } else if (change instanceof MembershipChange.Remove remove) {
                updates.add(new MembershipUpdate.Remove(remove.ids()));
            } else if (change instanceof MembershipChange.RemoveAll) {
                updates.add(new MembershipUpdate.RemoveAll());
            } else if (change instanceof MembershipChange.ReplaceAll replace) {
                updates.add(new MembershipUpdate.ReplaceAll(ids(replace.members())));
            }
        }
        return updates;
    }

    private static List<String> ids(List<MemberRef> members) {
        return members.stream().map(MemberRef::value).toList();
    }
}
