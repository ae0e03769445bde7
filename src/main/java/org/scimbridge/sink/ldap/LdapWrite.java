package org.scimbridge.sink.ldap;

import java.util.List;
import java.util.Map;

/** One LDAP write the sink performs through camel-spring-ldap; {@link #ldif()} is how it is logged. */
public sealed interface LdapWrite permits LdapWrite.Bind, LdapWrite.Modify, LdapWrite.Unbind, LdapWrite.Rename {

    String dn();

    String ldif();

    /** Add an entry. Its LDIF never shows a {@code userPassword} value (an initial password): a mask instead. */
    record Bind(String dn, Map<String, List<String>> attributes) implements LdapWrite {
        static final String MASKED = "(set, not shown)";

        public String ldif() {
            StringBuilder sb = new StringBuilder("dn: ").append(dn).append("\nchangetype: add\n");
            attributes.forEach((k, vs) -> vs.forEach(v -> sb.append(k).append(": ")
                    .append(k.equalsIgnoreCase("userPassword") ? MASKED : v).append('\n')));
            return sb.toString();
        }
    }

    /** Modify an entry: only the attributes and values that change. */
    record Modify(String dn, List<Mod> mods) implements LdapWrite {
        public String ldif() {
            StringBuilder sb = new StringBuilder("dn: ").append(dn).append("\nchangetype: modify\n");
            for (Mod m : mods) {
                sb.append(m.op().name().toLowerCase()).append(": ").append(m.attribute()).append('\n');
                m.values().forEach(v -> sb.append(m.attribute()).append(": ").append(v).append('\n'));
                sb.append("-\n");
            }
            return sb.toString();
        }
    }

    /** Delete an entry. */
    record Unbind(String dn) implements LdapWrite {
        public String ldif() {
            return "dn: " + dn + "\nchangetype: delete\n";
        }
    }

    /** Rename or move an entry (modrdn, old RDN value deleted). */
    record Rename(String dn, String newDn) implements LdapWrite {
        public String ldif() {
            return "dn: " + dn + "\nchangetype: modrdn\nnewdn: " + newDn + "\n";
        }
    }

    enum Op { ADD, DELETE, REPLACE }

    /** One modification: add or delete these values, or replace all values (none: remove the attribute). */
    record Mod(Op op, String attribute, List<String> values) {
    }
}
