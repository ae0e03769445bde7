package org.scimbridge.sink.ldap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/**
 * {@link LdapWrite}s as RFC 2849 LDIF change records, as {@code ldapmodify} reads them: {@code changetype} add,
 * modify, delete and modrdn (with {@code newrdn}, {@code deleteoldrdn: 1} and, for a move, {@code newsuperior}).
 * A value (or DN) that is not a SAFE-STRING (non-ASCII, a leading space, colon or {@code <}, a trailing space,
 * CR/LF/NUL) is written base64 ({@code attr:: ...}). DNs are the sink's own, already escaped (RFC 4514).
 *
 * <p>A {@code userPassword} value is never written: the attribute is left out of the record and a comment line
 * says so, so the record stays valid LDIF that applies without setting a password.
 */
public final class LdifRecords {

    static final String PASSWORD_OMITTED = "# userPassword: omitted (an initial password is never shown)";

    private LdifRecords() {
    }

    public static String render(List<LdapWrite> writes) {
        StringBuilder sb = new StringBuilder();
        for (LdapWrite w : writes) {
            sb.append(render(w)).append('\n');
        }
        return sb.toString();
    }

    static String render(LdapWrite w) {
        StringBuilder sb = new StringBuilder();
        line(sb, "dn", w.dn());
        if (w instanceof LdapWrite.Bind b) {
            sb.append("changetype: add\n");
            boolean omitted = false;
            for (var e : b.attributes().entrySet()) {
                if (isPassword(e.getKey())) {
                    omitted = true;
                    continue;
                }
                e.getValue().forEach(v -> line(sb, e.getKey(), v));
            }
            if (omitted) {
                sb.append(PASSWORD_OMITTED).append('\n');
            }
        } else if (w instanceof LdapWrite.Modify m) {
            sb.append("changetype: modify\n");
            for (LdapWrite.Mod mod : m.mods()) {
                sb.append(mod.op().name().toLowerCase()).append(": ").append(mod.attribute()).append('\n');
                if (isPassword(mod.attribute())) {
                    sb.append(PASSWORD_OMITTED).append('\n');
                } else {
                    mod.values().forEach(v -> line(sb, mod.attribute(), v));
                }
                sb.append("-\n");
            }
        } else if (w instanceof LdapWrite.Unbind) {
            sb.append("changetype: delete\n");
        } else if (w instanceof LdapWrite.Rename r) {
            sb.append("changetype: modrdn\n");
            LdapName from = name(r.dn());
            LdapName to = name(r.newDn());
            line(sb, "newrdn", to.getRdn(to.size() - 1).toString());
            sb.append("deleteoldrdn: 1\n");
            LdapName fromParent = (LdapName) from.getPrefix(from.size() - 1);
            LdapName toParent = (LdapName) to.getPrefix(to.size() - 1);
            if (!fromParent.equals(toParent)) {
                line(sb, "newsuperior", toParent.toString());
            }
        }
        return sb.toString();
    }

    private static boolean isPassword(String attribute) {
        return attribute.equalsIgnoreCase("userPassword") || attribute.equalsIgnoreCase("unicodePwd");
    }

    private static LdapName name(String dn) {
        try {
            return new LdapName(dn);
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("'" + dn + "' is not a DN", e);
        }
    }

    private static void line(StringBuilder sb, String attribute, String value) {
        if (safe(value)) {
            sb.append(attribute).append(": ").append(value).append('\n');
        } else {
            sb.append(attribute).append(":: ")
                    .append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))).append('\n');
        }
    }

    /** RFC 2849 SAFE-STRING, and no trailing space (which the RFC says should be base64 too). */
    static boolean safe(String v) {
        if (v.isEmpty()) {
            return true;
        }
        char first = v.charAt(0);
        if (first == ' ' || first == ':' || first == '<' || v.charAt(v.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 0 || c == '\n' || c == '\r' || c > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
