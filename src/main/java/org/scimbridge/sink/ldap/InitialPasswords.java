package org.scimbridge.sink.ldap;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.springframework.stereotype.Component;

/**
 * The {@code initial-password} of an LDAP target: a random {@code userPassword} given to each user entry when its
 * add is written ({@link #withPassword}), so it exists nowhere else: not in the plan or its LDIF (logged at
 * DEBUG, the route's result), not in the store of record, the feed or a parked change (a replayed create gets a
 * new one when it is applied). Never logged.
 */
@Component
public class InitialPasswords {

    static final String ATTRIBUTE = "userPassword";
    /** Letters and digits without look-alikes (0/O, 1/l/I), and a few symbols every LDAP client takes. */
    private static final char[] ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!#%+=".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile IntFunction<String> generator = InitialPasswords::random;

    /** A password of {@code length} characters from SecureRandom (about 6 bits each: 24 characters, ~144 bits). */
    static String random(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    /** For tests that must know the password to bind with it; {@code null} restores the random one. */
    void generator(IntFunction<String> g) {
        generator = g == null ? InitialPasswords::random : g;
    }

    /**
     * The writes of a user change with a {@code userPassword} added to the add of the user's entry (a user change
     * adds no other entry), as the target's mode wants it; the writes as they are when the mode is none, the
     * change is a group's, or the entry exists (no add).
     */
    List<LdapWrite> withPassword(LdapTarget t, boolean userChange, List<LdapWrite> writes) {
        LdapTarget.InitialPassword p = t.initialPassword();
        if (p.mode() == LdapTarget.PasswordMode.NONE || !userChange
                || writes.stream().noneMatch(w -> w instanceof LdapWrite.Bind)) {
            return writes;
        }
        List<LdapWrite> out = new ArrayList<>(writes.size());
        for (LdapWrite w : writes) {
            if (w instanceof LdapWrite.Bind b && b.attributes().keySet().stream()
                    .noneMatch(k -> k.equalsIgnoreCase(ATTRIBUTE))) {
                String password = generator.apply(p.length());
                String value = p.mode() == LdapTarget.PasswordMode.SSHA ? SshaPasswords.hash(password) : password;
                Map<String, List<String>> attrs = new LinkedHashMap<>(b.attributes());
                attrs.put(ATTRIBUTE, List.of(value));
                out.add(new LdapWrite.Bind(b.dn(), attrs));
            } else {
                out.add(w);
            }
        }
        return out;
    }
}
