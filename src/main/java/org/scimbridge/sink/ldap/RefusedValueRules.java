package org.scimbridge.sink.ldap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code scim-bridge.sinks.<name>.refused-values.<attribute>: skip | park}: what the LDAP sink does when the target
 * refuses a value of that attribute by its syntax or schema (slapd: {@code mail: value #0 invalid per syntax} for
 * a non-ASCII address in an IA5String attribute). {@code park} (the default for every attribute): the change is
 * parked at once, to replay once the data or the rule is fixed. {@code skip}: the entry is written without that
 * attribute, with a warning, and the change is applied.
 *
 * <p>Which attribute the refusal is about is read from the server's message, which names it (slapd and the
 * embedded UnboundID server both do); a refusal that names no skippable attribute of the write is parked.
 */
public record RefusedValueRules(Map<String, Rule> refusedValues) {

    public enum Rule { SKIP, PARK }

    public RefusedValueRules {
        Map<String, Rule> m = new LinkedHashMap<>();
        if (refusedValues != null) {
            refusedValues.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v == null ? Rule.PARK : v));
        }
        refusedValues = m;
    }

    public boolean any() {
        return refusedValues.containsValue(Rule.SKIP);
    }

    /** A skippable attribute of {@code write} that the server's {@code message} names, if there is one. */
    Optional<String> skippable(LdapWrite write, String message) {
        if (message == null) {
            return Optional.empty();
        }
        for (String attr : attributes(write)) {
            Rule rule = refusedValues.get(attr.toLowerCase(Locale.ROOT));
            if (rule == Rule.SKIP && Pattern.compile("(?i)(^|[^\\w-])" + Pattern.quote(attr) + "([^\\w-]|$)")
                    .matcher(message).find()) {
                return Optional.of(attr);
            }
        }
        return Optional.empty();
    }

    /** {@code write} without {@code attribute}; empty when nothing would be left to send. */
    static Optional<LdapWrite> without(LdapWrite write, String attribute) {
        if (write instanceof LdapWrite.Bind b) {
            Map<String, List<String>> attrs = new LinkedHashMap<>(b.attributes());
            attrs.keySet().removeIf(k -> k.equalsIgnoreCase(attribute));
            return Optional.of(new LdapWrite.Bind(b.dn(), attrs));
        }
        if (write instanceof LdapWrite.Modify m) {
            List<LdapWrite.Mod> mods = new ArrayList<>(m.mods());
            mods.removeIf(mod -> mod.attribute().equalsIgnoreCase(attribute));
            return mods.isEmpty() ? Optional.empty() : Optional.of(new LdapWrite.Modify(m.dn(), mods));
        }
        return Optional.of(write);
    }

    private static List<String> attributes(LdapWrite write) {
        if (write instanceof LdapWrite.Bind b) {
            return new ArrayList<>(b.attributes().keySet());
        }
        if (write instanceof LdapWrite.Modify m) {
            return m.mods().stream().map(LdapWrite.Mod::attribute).distinct().toList();
        }
        return List.of();
    }
}
