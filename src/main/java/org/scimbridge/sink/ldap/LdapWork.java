package org.scimbridge.sink.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scimbridge.sink.FeedChange;
import org.scimbridge.sink.SinkWork;

/** One change on its way into one LDAP target, with what was read and what will be written for it. */
public final class LdapWork extends SinkWork {

    private final Map<String, List<LdapEntrySnapshot>> reads = new LinkedHashMap<>();
    private List<LdapWrite> writes = List.of();
    private List<LdapEntryMap.Update> mapUpdates = List.of();
    private final List<String> notes = new ArrayList<>();

    public LdapWork(String target, FeedChange change, JsonNode payload, boolean replay) {
        super(target, change, payload, replay);
    }

    /** The LDAP target: the sink's name, as the routes' endpoint names use it. */
    public String getTarget() {
        return getSink();
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
        return getTarget() + " " + getChange();
    }
}
