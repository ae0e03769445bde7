package org.scimbridge.sink.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.scimbridge.sink.ScimPath;

/**
 * Turns a SCIM User into the LDAP attribute values a target wants, by the target's attribute map. Pure: the
 * DN look-up for {@code dn(...)} sources is passed in.
 */
public final class UserAttributeMap {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /** The default map for inetOrgPerson; {@code cn} and {@code sn} fall back so the MUST attributes are set. */
    public static final Map<String, String> DEFAULTS = Collections.unmodifiableMap(defaults());

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cn", "displayName|name.formatted|userName");
        m.put("sn", "name.familyName|userName");
        m.put("givenName", "name.givenName");
        m.put("displayName", "displayName");
        m.put("mail", "emails[primary].value|emails[type=work].value|emails[0].value");
        m.put("telephoneNumber", "phoneNumbers[type=work].value");
        m.put("mobile", "phoneNumbers[type=mobile].value");
        m.put("title", "title");
        m.put("departmentNumber", ENTERPRISE + ":department");
        m.put("employeeNumber", ENTERPRISE + ":employeeNumber");
        m.put("manager", "dn(" + ENTERPRISE + ":manager.value)");
        return m;
    }

    private UserAttributeMap() {
    }

    /**
     * @param user      the SCIM User as the feed carries it
     * @param map       LDAP attribute name to source
     * @param dnOfId    the DN the sink gave a SCIM id, or null if it has none (yet)
     * @return every mapped attribute with its values, in map order; an empty list means "should be absent"
     */
    public static Map<String, List<String>> map(JsonNode user, Map<String, String> map,
                                                Function<String, String> dnOfId) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            out.put(e.getKey(), evaluate(user, e.getValue(), dnOfId));
        }
        return out;
    }

    static List<String> evaluate(JsonNode user, String source, Function<String, String> dnOfId) {
        for (String alternative : source.split("\\|")) {
            String alt = alternative.trim();
            boolean dn = alt.startsWith("dn(") && alt.endsWith(")");
            String path = dn ? alt.substring(3, alt.length() - 1) : alt;
            List<String> values = ScimPath.values(user, path);
            if (dn) {
                List<String> dns = new ArrayList<>();
                for (String id : values) {
                    String d = dnOfId.apply(id);
                    if (d != null) {
                        dns.add(d);
                    }
                }
                values = dns;
            }
            if (!values.isEmpty()) {
                return new ArrayList<>(new LinkedHashSet<>(values));
            }
        }
        return List.of();
    }
}
