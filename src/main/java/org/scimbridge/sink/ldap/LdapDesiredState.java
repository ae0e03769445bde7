package org.scimbridge.sink.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.scimbridge.sink.ScimPath;
import org.scimbridge.sink.ldap.LdapTarget.DisableStrategy;
import org.scimbridge.sink.ldap.LdapTarget.GroupStyle;
import org.scimbridge.sink.ldap.LdapWrite.Mod;
import org.scimbridge.sink.ldap.LdapWrite.Op;

/**
 * The entry a stored resource should have in one target, computed once: the DN rules, the attribute map, the
 * disable strategy, posixAccount, the group style and its placeholder member. Pure: the DNs of other resources
 * and the uidNumber come in as functions. The sink diffs it against the entry LDAP holds ({@link #userMods}),
 * and reconcile against the whole tree (the same {@link #userMods}, and {@link #memberMods} for groups).
 */
public final class LdapDesiredState {

    static final String POSIX_ACCOUNT = "posixAccount";

    private final LdapTarget t;

    public LdapDesiredState(LdapTarget target) {
        this.t = target;
    }

    /**
     * A user's wanted entry. {@code attributes} are kept in step (an empty list: the attribute must be absent);
     * {@code initial} are written when the entry is made or lacks them, never overwritten ({@code homeDirectory},
     * {@code loginShell}: a rename does not move a home, a shell set by hand stays).
     *
     * @param removed true when the entry must not exist (disabled under the {@code delete} strategy)
     * @param active  the user's {@code active} (what the {@code user-account-control} strategy sets bit 2 by)
     */
    public record User(String dn, boolean removed, List<String> objectClasses, String rdnAttribute, String rdnValue,
                       Map<String, List<String>> attributes, Map<String, List<String>> initial, boolean active) {

        /** Every attribute of the entry as an add writes it. */
        public Map<String, List<String>> forAdd() {
            Map<String, List<String>> attrs = new LinkedHashMap<>();
            attrs.put("objectClass", objectClasses);
            attrs.put(rdnAttribute, attributes.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(rdnAttribute))
                    .map(Map.Entry::getValue).findFirst().orElse(List.of(rdnValue)));
            attributes.forEach((k, v) -> {
                if (!v.isEmpty() && !k.equalsIgnoreCase(rdnAttribute)) {
                    attrs.put(k, v);
                }
            });
            attrs.putAll(initial);
            return attrs;
        }
    }

    /** A group's wanted entry, with every member value (the placeholder when a DN-style group has none). */
    public record Group(String dn, Map<String, List<String>> forAdd, List<String> members) {
    }

    /**
     * @param dnOfId    the DN this target gives another resource (for {@code dn(...)} sources such as manager),
     *                  null when it has none
     * @param uidNumber the user's uidNumber, asked only when the target writes posixAccounts
     */
    public User user(JsonNode user, Function<String, String> dnOfId, LongSupplier uidNumber) {
        boolean active = active(user);
        DisableStrategy strategy = t.disable().strategy();
        String dn = userDn(user, active || strategy != DisableStrategy.MOVE);
        String rdnValue = LdapDns.rdnValue(dn);
        Map<String, List<String>> attributes = UserAttributeMap.map(user, t.attributes(), dnOfId);
        // a mapped RDN attribute holds the RDN value first; an unmapped one is only written when the entry is made
        attributes.keySet().stream().filter(k -> k.equalsIgnoreCase(t.userRdnAttribute())).findFirst()
                .ifPresent(k -> attributes.put(k, union(attributes.get(k), rdnValue)));
        LdapTarget.DisableMark mark = t.disable().mark();
        if (mark != null) {
            String v = active ? mark.enabledValue() : mark.disabledValue();
            attributes.put(mark.attribute(), v == null ? List.of() : List.of(v));
        }
        Map<String, List<String>> initial = new LinkedHashMap<>();
        if (strategy == DisableStrategy.USER_ACCOUNT_CONTROL) {
            // a new entry (or one without the attribute) gets NORMAL_ACCOUNT, with bit 2 when disabled; an entry
            // that holds a value gets only bit 2 changed (userMods)
            initial.put(LdapTarget.Disable.USER_ACCOUNT_CONTROL,
                    List.of(LdapTarget.Disable.userAccountControl(null, active)));
        }
        List<String> classes = new ArrayList<>(t.userObjectClasses());
        if (t.posixAccount().enabled()) {
            if (classes.stream().noneMatch(c -> c.equalsIgnoreCase(POSIX_ACCOUNT))) {
                classes.add(POSIX_ACCOUNT);
            }
            PosixAccountAttributes.put(t, uidNumber.getAsLong(), rdnValue, attributes.get("uid"), attributes,
                    initial);
        }
        boolean removed = !active && strategy == DisableStrategy.DELETE;
        return new User(dn, removed, List.copyOf(classes), t.userRdnAttribute(), rdnValue, attributes, initial,
                active);
    }

    /**
     * The modifications that make {@code have} (the entry as LDAP holds it, RDN values as they will be after a
     * rename) into {@code want}: posixAccount added to an entry that lacks it, initial attributes the entry lacks,
     * and every kept attribute whose values differ, replaced. Empty when the entry is as wanted.
     */
    public List<Mod> userMods(User want, Map<String, List<String>> have) {
        List<Mod> mods = new ArrayList<>();
        if (t.posixAccount().enabled() && values(have, "objectClass").stream()
                .noneMatch(c -> c.equalsIgnoreCase(POSIX_ACCOUNT))) {
            mods.add(new Mod(Op.ADD, "objectClass", List.of(POSIX_ACCOUNT)));
        }
        want.initial().forEach((attr, v) -> {
            if (values(have, attr).isEmpty()) {
                mods.add(new Mod(Op.REPLACE, attr, v));
            }
        });
        want.attributes().forEach((attr, v) -> {
            if (!new LinkedHashSet<>(values(have, attr)).equals(new LinkedHashSet<>(v))) {
                mods.add(new Mod(Op.REPLACE, attr, v));
            }
        });
        if (t.disable().strategy() == DisableStrategy.USER_ACCOUNT_CONTROL) {
            List<String> uac = values(have, LdapTarget.Disable.USER_ACCOUNT_CONTROL);
            if (!uac.isEmpty()) {
                String next = LdapTarget.Disable.userAccountControl(uac.get(0), want.active());
                if (!next.equals(uac.get(0).trim())) {
                    mods.add(new Mod(Op.REPLACE, LdapTarget.Disable.USER_ACCOUNT_CONTROL, List.of(next)));
                }
            }
        }
        return mods;
    }

    /** A group's wanted entry; {@code memberValues} are the member values its members have in this target. */
    public Group group(String dn, List<String> memberValues, Long gidNumber) {
        GroupStyle style = t.groupStyle();
        List<String> members = new ArrayList<>(new LinkedHashSet<>(memberValues));
        if (members.isEmpty() && style.dnMembers) {
            members.add(t.emptyGroupMember());
        }
        Map<String, List<String>> attrs = new LinkedHashMap<>();
        attrs.put("objectClass", List.of("top", style.objectClass));
        attrs.put(t.groupRdnAttribute(), List.of(LdapDns.rdnValue(dn)));
        if (style == GroupStyle.POSIX_GROUP && gidNumber != null) {
            attrs.put("gidNumber", List.of(String.valueOf(gidNumber)));
        }
        if (!members.isEmpty()) {
            attrs.put(style.memberAttribute, members);
        }
        return new Group(dn, attrs, members);
    }

    /** Value add/delete that makes the members of {@code have} the members of {@code want}. */
    public List<Mod> memberMods(Group want, List<String> have) {
        String attr = t.groupStyle().memberAttribute;
        List<String> toAdd = want.members().stream().filter(m -> have.stream().noneMatch(h -> sameMember(h, m)))
                .toList();
        List<String> toRemove = have.stream().filter(h -> want.members().stream().noneMatch(m -> sameMember(h, m)))
                .toList();
        List<Mod> mods = new ArrayList<>();
        if (!toAdd.isEmpty()) {
            mods.add(new Mod(Op.ADD, attr, toAdd));
        }
        if (!toRemove.isEmpty()) {
            mods.add(new Mod(Op.DELETE, attr, toRemove));
        }
        return mods;
    }

    // ------------------------------------------------------------------------------------------------ DNs

    public String userDn(JsonNode user, boolean inPeople) {
        String value = ScimPath.first(user, t.userRdnSource());
        if (value == null) {
            throw new LdapSinkException(LdapSinkException.Kind.INVALID_DATA,
                    "user has no " + t.userRdnSource() + " to name its entry by");
        }
        return LdapDns.child(inPeople ? t.peopleBase() : t.disabledBase(), t.userRdnAttribute(), value);
    }

    /** The group's DN by its displayName, or null when it has none. */
    public String groupDn(JsonNode group) {
        String name = ScimPath.first(group, "displayName");
        return name == null ? null : LdapDns.child(t.groupsBase(), t.groupRdnAttribute(), name);
    }

    /** What a group's member attribute holds for a member with this DN: the DN, or its RDN value (memberUid). */
    public String memberValue(String dn) {
        return t.groupStyle().dnMembers ? dn : LdapDns.rdnValue(dn);
    }

    public List<String> memberValues(Iterable<String> dns) {
        List<String> out = new ArrayList<>();
        dns.forEach(dn -> out.add(memberValue(dn)));
        return out;
    }

    /**
     * A key for a member value: equal keys exactly when {@link #sameMember} holds, so a big group's values are
     * compared through a hash set instead of with each other.
     */
    public String memberKey(String value) {
        if (t.groupStyle().dnMembers) {
            try {
                javax.naming.ldap.LdapName name = LdapDns.parse(value);
                StringBuilder sb = new StringBuilder();
                for (javax.naming.ldap.Rdn rdn : name.getRdns()) {
                    sb.append(rdn.getType().toLowerCase(Locale.ROOT)).append('=')
                            .append(String.valueOf(javax.naming.ldap.Rdn.escapeValue(rdn.getValue()))
                                    .toLowerCase(Locale.ROOT)).append(',');
                }
                return sb.toString();
            } catch (RuntimeException notADn) {
                return "\u0000" + value.toLowerCase(Locale.ROOT);
            }
        }
        return value;
    }

    /** Member values compare as DNs for DN-style groups (case and spacing aside), exactly for memberUid. */
    public boolean sameMember(String a, String b) {
        if (t.groupStyle().dnMembers) {
            try {
                return LdapDns.same(a, b);
            } catch (RuntimeException notADn) {
                return a.equalsIgnoreCase(b);
            }
        }
        return a.equals(b);
    }

    public static boolean active(JsonNode user) {
        JsonNode a = user.path("active");
        if (a.isMissingNode() || a.isNull()) {
            return true;
        }
        return a.isBoolean() ? a.booleanValue() : !"false".equalsIgnoreCase(a.asText());
    }

    /** {@code value} first, then the other values that differ from it case-insensitively (an RDN's values). */
    static List<String> union(List<String> values, String value) {
        Set<String> s = new LinkedHashSet<>();
        s.add(value);
        if (values != null) {
            values.stream().filter(v -> !v.equalsIgnoreCase(value)).forEach(s::add);
        }
        return new ArrayList<>(s);
    }

    private static List<String> values(Map<String, List<String>> attrs, String attr) {
        return attrs.getOrDefault(attr.toLowerCase(Locale.ROOT), List.of());
    }
}
