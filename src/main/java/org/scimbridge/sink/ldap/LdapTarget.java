package org.scimbridge.sink.ldap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scimbridge.sink.SinkConfigurationException;

/**
 * The keys of an LDAP sink, {@code scim-bridge.sinks.<name>} with {@code type: ldap}: one LDAP server and how SCIM
 * resources are written into it. Bound and validated at start-up by {@link LdapSinks}; the defaults are here.
 *
 * @param url               {@code ldap://host:port}
 * @param bindDn            the DN the sink binds as (needs write access to the three bases)
 * @param password          its password (a credential: set it from the environment)
 * @param baseDn            the suffix all three bases are under; user look-ups search it
 * @param peopleBase        where users are created
 * @param groupsBase        where groups are created
 * @param disabledBase      where the {@code move} strategy puts disabled users
 * @param userRdnAttribute  RDN attribute of users ({@code uid})
 * @param userRdnSource     the SCIM path that feeds it ({@code userName})
 * @param userObjectClasses object classes of a new user entry
 * @param attributes        LDAP attribute to SCIM source; replaces the defaults in {@link UserAttributeMap} when
 *                          given. A source is a path ({@code name.givenName}, {@code emails[type=work].value},
 *                          {@code emails[primary].value}, {@code urn:...:enterprise:2.0:User:department}), a
 *                          list of paths separated by {@code |} (first that has a value), or {@code dn(path)}
 *                          for a SCIM id to be written as the DN the sink gave that resource (manager)
 * @param groupStyle        group object class and member attribute
 * @param groupRdnAttribute RDN attribute of groups ({@code cn})
 * @param emptyGroupMember  the placeholder member DN written while a groupOfNames/groupOfUniqueNames has no
 *                          member (the schema requires one). Default: the bind DN
 * @param posixGidStart     first gidNumber given to posixGroups
 * @param disable           the disable strategy
 * @param posixAccount      whether users are also {@code posixAccount}s, and how (off by default)
 */
public record LdapTarget(
        @NotBlank String url,
        String bindDn,
        String password,
        @NotBlank String baseDn,
        @NotBlank String peopleBase,
        @NotBlank String groupsBase,
        String disabledBase,
        String userRdnAttribute,
        String userRdnSource,
        List<String> userObjectClasses,
        Map<String, String> attributes,
        GroupStyle groupStyle,
        String groupRdnAttribute,
        String emptyGroupMember,
        Long posixGidStart,
        @Valid Disable disable,
        @Valid PosixAccount posixAccount) {

    public LdapTarget {
        bindDn = bindDn == null ? "" : bindDn;
        password = password == null ? "" : password;
        disabledBase = disabledBase == null || disabledBase.isBlank() ? "ou=disabled," + baseDn : disabledBase;
        userRdnAttribute = userRdnAttribute == null || userRdnAttribute.isBlank() ? "uid" : userRdnAttribute;
        userRdnSource = userRdnSource == null || userRdnSource.isBlank() ? "userName" : userRdnSource;
        userObjectClasses = userObjectClasses == null || userObjectClasses.isEmpty()
                ? List.of("top", "person", "organizationalPerson", "inetOrgPerson")
                : List.copyOf(userObjectClasses);
        attributes = attributes == null || attributes.isEmpty()
                ? UserAttributeMap.DEFAULTS
                : new LinkedHashMap<>(attributes);
        groupStyle = groupStyle == null ? GroupStyle.GROUP_OF_NAMES : groupStyle;
        groupRdnAttribute = groupRdnAttribute == null || groupRdnAttribute.isBlank() ? "cn" : groupRdnAttribute;
        emptyGroupMember = emptyGroupMember == null || emptyGroupMember.isBlank()
                ? (bindDn.isBlank() ? "cn=placeholder," + baseDn : bindDn)
                : emptyGroupMember;
        posixGidStart = posixGidStart == null ? 10_000L : posixGidStart;
        disable = disable == null ? new Disable(null, null, null) : disable;
        posixAccount = posixAccount == null ? PosixAccount.OFF : posixAccount;
    }

    /**
     * The DNs parse (RFC 4514) and the three bases are under {@code base-dn}: the first that does not, as the
     * message of the start-up failure.
     */
    void checkDns(String key) {
        Map<String, String> dns = new LinkedHashMap<>();
        dns.put("base-dn", baseDn);
        dns.put("people-base", peopleBase);
        dns.put("groups-base", groupsBase);
        dns.put("disabled-base", disabledBase);
        dns.put("empty-group-member", emptyGroupMember);
        if (!bindDn.isBlank()) {
            dns.put("bind-dn", bindDn);
        }
        dns.forEach((k, dn) -> {
            try {
                javax.naming.ldap.LdapName name = new javax.naming.ldap.LdapName(dn);
                if (name.isEmpty()) {
                    throw new javax.naming.InvalidNameException("empty");
                }
            } catch (javax.naming.InvalidNameException e) {
                throw new SinkConfigurationException(key + "." + k + ": '" + dn + "' is not a DN (RFC 4514)");
            }
        });
        for (String k : List.of("people-base", "groups-base", "disabled-base")) {
            if (!LdapDns.isUnder(dns.get(k), baseDn)) {
                throw new SinkConfigurationException(key + "." + k + ": '" + dns.get(k) + "' is not under base-dn '"
                        + baseDn + "'");
            }
        }
    }

    /** How a disabled user ({@code active=false}) is shown in the directory. */
    public enum DisableStrategy {
        /** Set {@code disable.attribute} to {@code disable.value}; re-enable removes the attribute. */
        ATTRIBUTE,
        /** Move the entry to {@code disabled-base} (a modrdn with a new superior); re-enable moves it back. */
        MOVE,
        /** Delete the entry (and its DN from groups); re-enable creates it again with its memberships. */
        DELETE
    }

    /** How groups are written. */
    public enum GroupStyle {
        GROUP_OF_NAMES("groupOfNames", "member", true),
        GROUP_OF_UNIQUE_NAMES("groupOfUniqueNames", "uniqueMember", true),
        POSIX_GROUP("posixGroup", "memberUid", false);

        public final String objectClass;
        public final String memberAttribute;
        /** true: members are DNs, and the schema requires at least one (so an empty group gets a placeholder). */
        public final boolean dnMembers;

        GroupStyle(String objectClass, String memberAttribute, boolean dnMembers) {
            this.objectClass = objectClass;
            this.memberAttribute = memberAttribute;
            this.dnMembers = dnMembers;
        }
    }

    /**
     * @param strategy  attribute, move (default) or delete
     * @param attribute for {@code attribute}: which attribute marks the entry disabled. The default,
     *                  {@code description}, exists on plain slapd (core schema) but stops no login by itself;
     *                  with OpenLDAP ppolicy use {@code pwdAccountLockedTime} / {@code 000001010000Z}, on
     *                  389-DS {@code nsAccountLock} / {@code true}
     * @param value     the value written while disabled
     */
    public record Disable(DisableStrategy strategy, String attribute, String value) {
        public Disable {
            strategy = strategy == null ? DisableStrategy.MOVE : strategy;
            attribute = attribute == null || attribute.isBlank() ? "description" : attribute;
            value = value == null || value.isBlank() ? "disabled by scim-bridge" : value;
        }
    }

    /**
     * Users as RFC 2307 {@code posixAccount}s: the auxiliary class is added to {@code user-object-classes}, with
     * {@code uid}, {@code uidNumber}, {@code gidNumber}, {@code homeDirectory}, {@code loginShell} (and {@code cn},
     * which the attribute map writes anyway).
     *
     * <p>{@code {uid}} in the templates is the user's RDN value: the login name, the same value a posixGroup's
     * {@code memberUid} carries (with the defaults, the whole {@code userName}; for Entra UPNs point
     * {@code user-rdn-source} at a path that holds the short name).
     *
     * @param enabled        off by default
     * @param uidNumberStart first uidNumber handed out (default 10000)
     * @param uidNumberEnd   last uidNumber handed out (default 59999); when the range is used up a new user's
     *                       change is parked with a message saying so
     * @param gidNumber      the users' gidNumber: a number (a shared primary group, e.g. 100 for "users"), or
     *                       {@code uid-number} for user private groups (gidNumber = the user's uidNumber; the
     *                       group entry itself is not created). Required when enabled
     * @param homeDirectory  template of homeDirectory (default {@code /home/{uid}}); written when the entry is
     *                       created or lacks one, and left as it is after that: a rename does not move a home
     * @param loginShell     loginShell (default {@code /bin/bash}); written when the entry is created or lacks
     *                       one, so a shell changed in LDAP by hand stays
     */
    public record PosixAccount(boolean enabled, Long uidNumberStart, Long uidNumberEnd, String gidNumber,
                               String homeDirectory, String loginShell) {

        public static final String GID_FROM_UID = "uid-number";
        static final PosixAccount OFF = new PosixAccount(false, null, null, null, null, null);

        public PosixAccount {
            uidNumberStart = uidNumberStart == null ? 10_000L : uidNumberStart;
            uidNumberEnd = uidNumberEnd == null ? 59_999L : uidNumberEnd;
            homeDirectory = homeDirectory == null || homeDirectory.isBlank() ? "/home/{uid}" : homeDirectory;
            loginShell = loginShell == null || loginShell.isBlank() ? "/bin/bash" : loginShell;
            gidNumber = gidNumber == null ? null : gidNumber.trim();
            if (enabled) {
                if (uidNumberStart < 0 || uidNumberEnd < uidNumberStart) {
                    throw new IllegalArgumentException("posix-account: uid-number-start " + uidNumberStart
                            + " .. uid-number-end " + uidNumberEnd + " is no range");
                }
                if (gidNumber == null || gidNumber.isEmpty()) {
                    throw new IllegalArgumentException("posix-account.gid-number is required when posix-account is"
                            + " enabled: a number, or " + GID_FROM_UID);
                }
                if (!GID_FROM_UID.equalsIgnoreCase(gidNumber)) {
                    try {
                        if (Long.parseLong(gidNumber) < 0) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("posix-account.gid-number '" + gidNumber
                                + "' is neither a number nor " + GID_FROM_UID);
                    }
                }
            }
        }

        /** The gidNumber of a user with this uidNumber. */
        public long gidNumberFor(long uidNumber) {
            return GID_FROM_UID.equalsIgnoreCase(gidNumber) ? uidNumber : Long.parseLong(gidNumber);
        }

        /** The home directory of a user with this login name. */
        public String homeDirectoryFor(String uid) {
            return homeDirectory.replace("{uid}", uid);
        }
    }
}
