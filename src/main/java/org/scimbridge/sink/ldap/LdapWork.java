package org.scimbridge.sink.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scimbridge.sink.FeedChange;

/**
 * One change on its way into one LDAP target. It travels as an exchange property through
 * {@code sink-ldap-apply}; the split sub-exchanges share this one object, so a change parked by a failing write
 * stops the writes after it.
 */
public final class LdapWork {

    private final String target;
    private final FeedChange change;
    private final JsonNode payload;
    private final boolean replay;
    private volatile boolean finished;
    private final Map<String, List<LdapEntrySnapshot>> reads = new LinkedHashMap<>();
    private List<LdapWrite> writes = List.of();
    private List<LdapEntryMap.Update> mapUpdates = List.of();
    private final List<String> notes = new ArrayList<>();

    public LdapWork(String target, FeedChange change, JsonNode payload, boolean replay) {
        this.target = target;
        this.change = change;
        this.payload = payload;
        this.replay = replay;
    }

    public String getTarget() {
        return target;
    }

    public FeedChange getChange() {
        return change;
    }

    public JsonNode getPayload() {
        return payload;
    }

    public boolean isReplay() {
        return replay;
    }

    /** true once the change is applied, parked or skipped: the steps after it do nothing. */
    public boolean isFinished() {
        return finished;
    }

    public void finish() {
        this.finished = true;
    }

    public Map<String, List<LdapEntrySnapshot>> getReads() {
        return reads;
    }

    public List<LdapWrite> getWrites() {
        return writes;
    }

    public void setWrites(List<LdapWrite> writes) {
        this.writes = List.copyOf(writes);
    }

    public List<LdapEntryMap.Update> getMapUpdates() {
        return mapUpdates;
    }

    public void setMapUpdates(List<LdapEntryMap.Update> mapUpdates) {
        this.mapUpdates = List.copyOf(mapUpdates);
    }

    public List<String> getNotes() {
        return notes;
    }

    @Override
    public String toString() {
        return target + " " + change;
    }
}
