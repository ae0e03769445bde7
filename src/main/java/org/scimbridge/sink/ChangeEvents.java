package org.scimbridge.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One change as the events a webhook (or a topic) receiver expects, in the order they happened:
 * <ul>
 *   <li>a user change is one event: {@code user.created}, {@code user.updated} or {@code user.deleted}, whose
 *       {@code data} is the user;</li>
 *   <li>a group change is {@code group.created}, {@code group.updated} or {@code group.deleted} ({@code data}: the
 *       group, without members), followed by one {@code group.user_added} / {@code group.user_removed} per user
 *       the change added or removed ({@code group.group_added} / {@code group.group_removed} for a nested
 *       group), whose {@code data} is {@code {"group": {"id", "displayName"}, "member": {"id", "type"}}}. A
 *       deleted group's members leave with it: its change is the one {@code group.deleted} event.</li>
 * </ul>
 * Every event has an {@code id} ({@code <directory>-<seq>-<n>}) that stays the same when the change is handed
 * again, so a receiver can ignore a redelivery. They travel together, as one delivery per change
 * ({@code {"directory", "seq", "events": [...]}}), so a receiver gets all of a change's events or none.
 *
 * @param directory the directory of the change
 * @param seq       the change's seq: the delivery's id is {@code <directory>-<seq>}
 * @param events    the events, in order
 */
public record ChangeEvents(String directory, long seq, List<Event> events) {

    /** One event: its stable id, its type ({@code user.created}, ...), and its data. */
    public record Event(String id, String type, String resourceId, JsonNode data) {
    }

    public static ChangeEvents of(SinkChange change) {
        List<Event> events = new ArrayList<>();
        String prefix = change.directory() + "-" + change.seq() + "-";
        String verb = change.isCreate() ? "created" : change.isDelete() ? "deleted" : "updated";
        events.add(new Event(prefix + 1, change.kind() + "." + verb, change.resourceId(), change.resource()));
        if (change.isGroup() && !change.isDelete()) {
            for (SinkChange.Member m : change.membersAdded()) {
                events.add(member(prefix + (events.size() + 1), change, m, "added"));
            }
            for (SinkChange.Member m : change.membersRemoved()) {
                events.add(member(prefix + (events.size() + 1), change, m, "removed"));
            }
        }
        return new ChangeEvents(change.directory(), change.seq(), List.copyOf(events));
    }

    /** The delivery's id, {@code <directory>-<seq>}: the same on every redelivery of the change. */
    public String getId() {
        return directory + "-" + seq;
    }

    private static Event member(String id, SinkChange change, SinkChange.Member m, String verb) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ObjectNode group = data.putObject("group");
        group.put("id", change.resourceId());
        JsonNode name = change.resource() == null ? null : change.resource().get("displayName");
        if (name != null) {
            group.set("displayName", name);
        }
        data.putObject("member").put("id", m.value()).put("type", m.isGroup() ? "Group" : "User");
        return new Event(id, "group." + (m.isGroup() ? "group_" : "user_") + verb, change.resourceId(), data);
    }
}
