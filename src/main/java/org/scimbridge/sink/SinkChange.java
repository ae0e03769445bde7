package org.scimbridge.sink;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * The input of every sink route: one change of one resource of one directory, as the feed stream hands it to
 * {@code direct:<the sink's route>}. A sink route confirms the change by returning and refuses it by throwing;
 * it must be idempotent, since a change is handed again after a crash between the target's confirmation and
 * the position's move, and on a replay.
 *
 * <p>In YAML, its fields are read as {@code ${body.directory}}, {@code ${body.resourceType}}, {@code
 * ${body.resource}} ..., the predicates as {@code ${body.user}}, {@code ${body.delete}}; {@code ${body.events}}
 * is the change as webhook-style events ({@link ChangeEvents}). {@code marshal: json} writes the record's fields
 * as JSON (the predicates and the events are left out).
 *
 * @param sink           the sink's name ({@code scim-bridge.sinks.<name>})
 * @param directory      the directory the change happened in
 * @param seq            its number in the directory's feed (gapless, in commit order)
 * @param resourceType   {@code User} or {@code Group}
 * @param resourceId     the SCIM id
 * @param operation      {@code CREATE}, {@code UPDATE} or {@code DELETE}
 * @param version        the resource's version after the change
 * @param resource       the resource as {@code GET} returns it, without group members; for a delete only its
 *                       id, externalId, userName / displayName and meta
 * @param membersAdded   for a group: the members this change added ({@code value} id, {@code type})
 * @param membersRemoved for a group: the members this change removed (a deleted group: all of them)
 * @param previous       the resource as the previous change of it left it, when the sink's definition asks for
 *                       it ({@code include-previous: true}); null otherwise, and for a create
 * @param replay         true when an operator replays a parked change
 */
public record SinkChange(
        String sink,
        String directory,
        long seq,
        String resourceType,
        String resourceId,
        String operation,
        long version,
        JsonNode resource,
        List<Member> membersAdded,
        List<Member> membersRemoved,
        JsonNode previous,
        boolean replay) {

    /** A group member a change names: its SCIM id and {@code User} or {@code Group}. */
    public record Member(String value, String type) {
        @JsonIgnore
    public boolean isGroup() {
            return "Group".equalsIgnoreCase(type);
        }
    }

    public SinkChange {
        membersAdded = membersAdded == null ? List.of() : List.copyOf(membersAdded);
        membersRemoved = membersRemoved == null ? List.of() : List.copyOf(membersRemoved);
    }

    @JsonIgnore
    public boolean isUser() {
        return "User".equalsIgnoreCase(resourceType);
    }

    public boolean isGroup() {
        return !isUser();
    }

    @JsonIgnore
    public boolean isCreate() {
        return "CREATE".equalsIgnoreCase(operation);
    }

    @JsonIgnore
    public boolean isDelete() {
        return "DELETE".equalsIgnoreCase(operation);
    }

    /** The change as events: {@code user.created}, {@code group.user_added}, ... (see {@link ChangeEvents}). */
    @JsonIgnore
    public ChangeEvents getEvents() {
        return ChangeEvents.of(this);
    }

    /** {@code user} or {@code group}, as event names and log lines use it. */
    @JsonIgnore
    public String kind() {
        return resourceType.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return sink + " " + directory + "#" + seq + " " + operation + " " + resourceType + " " + resourceId
                + (replay ? " (replay)" : "");
    }
}
