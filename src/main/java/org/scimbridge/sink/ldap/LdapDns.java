package org.scimbridge.sink.ldap;

import java.util.Collection;
import java.util.Locale;
import javax.naming.CompositeName;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.ldap.support.LdapNameBuilder;
import org.springframework.ldap.support.LdapUtils;

/**
 * DNs and filters, escaped by the libraries rather than by hand: DN values through {@link LdapNameBuilder}
 * ({@link Rdn#escapeValue}, RFC 4514) and filter values through {@link LdapEncoder#filterEncode} (RFC 4515).
 */
public final class LdapDns {

    private LdapDns() {
    }

    /** {@code attr=value,base} with value escaped per RFC 4514 ({@code , + " \ < > ;}, leading #, end spaces). */
    public static String child(String base, String attribute, String value) {
        return LdapNameBuilder.newInstance(base).add(attribute, value).build().toString();
    }

    /** The same RDN under another parent: {@code uid=x,ou=people,...} to {@code uid=x,ou=disabled,...}. */
    public static String moveTo(String dn, String newParent) {
        LdapName name = parse(dn);
        Rdn rdn = name.getRdn(name.size() - 1);
        LdapName moved = LdapUtils.newLdapName(newParent);
        moved.add(rdn);
        return moved.toString();
    }

    /**
     * The DN as a JNDI string name. JNDI reads a string name as a composite name, where {@code /}, {@code \} and
     * quotes are syntax, so {@code uid=a\"b} would reach the server as {@code uid=a"b}. camel-spring-ldap passes
     * the {@code dn} of its body to LdapTemplate as such a string: this quotes it into one composite component.
     */
    public static String jndi(String dn) {
        try {
            return new CompositeName().add(dn).toString();
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException(dn, e);
        }
    }

    public static LdapName parse(String dn) {
        return LdapUtils.newLdapName(dn);
    }

    /** Compares two DNs as LDAP does for ordinary string attributes: types and values ignoring case. */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return parse(a).equals(parse(b));
    }

    /** A comparable key for a DN (for sets and maps of DNs). */
    public static String key(String dn) {
        return parse(dn).toString().toLowerCase(Locale.ROOT);
    }

    /** The unescaped value of the last RDN: {@code uid=a\,b,ou=people} gives {@code a,b}. */
    public static String rdnValue(String dn) {
        LdapName name = parse(dn);
        return String.valueOf(name.getRdn(name.size() - 1).getValue());
    }

    public static boolean isUnder(String dn, String base) {
        return parse(dn).startsWith(parse(base));
    }

    /** {@code (attr=value)} with value escaped per RFC 4515 ({@code * ( ) \ NUL}). */
    public static String eq(String attribute, String value) {
        return "(" + attribute + "=" + LdapEncoder.filterEncode(value) + ")";
    }

    /** {@code (|(attr=v1)(attr=v2)...)}, or the single term, for look-ups by any of several values. */
    public static String anyOf(String attribute, Collection<String> values) {
        if (values.size() == 1) {
            return eq(attribute, values.iterator().next());
        }
        StringBuilder sb = new StringBuilder("(|");
        values.forEach(v -> sb.append(eq(attribute, v)));
        return sb.append(')').toString();
    }
}
