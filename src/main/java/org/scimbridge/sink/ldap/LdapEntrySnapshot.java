package org.scimbridge.sink.ldap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.SearchResult;

/** An entry as a search returned it: its DN and its attribute values (names lower-cased). */
public record LdapEntrySnapshot(String dn, Map<String, List<String>> attributes) {

    public List<String> values(String attribute) {
        return attributes.getOrDefault(attribute.toLowerCase(Locale.ROOT), List.of());
    }

    public static LdapEntrySnapshot of(String dn, Map<String, List<String>> attrs) {
        Map<String, List<String>> lc = new LinkedHashMap<>();
        attrs.forEach((k, v) -> lc.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return new LdapEntrySnapshot(dn, lc);
    }

    public static LdapEntrySnapshot of(SearchResult result) {
        return of(result.getNameInNamespace(), result.getAttributes());
    }

    /** The attributes as lower-case names to string values (binary values read as UTF-8). */
    public static LdapEntrySnapshot of(String dn, javax.naming.directory.Attributes attributes) {
        Map<String, List<String>> attrs = new LinkedHashMap<>();
        try {
            NamingEnumeration<? extends Attribute> all = attributes.getAll();
            while (all.hasMore()) {
                Attribute a = all.next();
                List<String> values = new ArrayList<>();
                NamingEnumeration<?> vs = a.getAll();
                while (vs.hasMore()) {
                    Object v = vs.next();
                    values.add(v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                            : String.valueOf(v));
                }
                attrs.put(a.getID().toLowerCase(Locale.ROOT), values);
            }
        } catch (NamingException e) {
            throw new IllegalStateException("cannot read the attributes of " + dn, e);
        }
        return new LdapEntrySnapshot(dn, attrs);
    }
}
