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
 * @param initialPassword   a generated {@code userPassword} for each user entry the sink creates (off by default)
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
        @Valid PosixAccount posixAccount,
        @Valid InitialPassword initialPassword) {

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
        initialPassword = initialPassword == null ? InitialPassword.NONE : initialPassword;
    }

    /**
     * A password sent in clear is sent over TLS only: {@code initial-password.mode: clear} needs an
     * {@code ldaps://} URL (the sink has no StartTLS setting), else the start fails with this message.
     */
    void checkInitialPassword(String key) {
        if (initialPassword.mode() == PasswordMode.CLEAR && !url.regionMatches(true, 0, "ldaps://", 0, 8)) {
            throw new SinkConfigurationException(key + ".initial-password.mode: clear sends each new user's password"
                    + " as it is, so it needs an ldaps:// url (this sink has " + url + "); use ssha, or ldaps://");
        }
    }

    /** How the generated initial password is written. */
    public enum PasswordMode {
        /** No password (the default): the entry has none until someone sets one. */
        NONE,
        /** {@code {SSHA}} (salted SHA-1, 8-byte salt), as OpenLDAP stores and checks it. */
        SSHA,
        /** As it is, for a server that hashes it itself; only over {@code ldaps://}. */
        CLEAR
    }

    /**
     * {@code initial-password}: a random password (SecureRandom) for each user entry the sink creates, generated
     * when the create is written (never stored, logged, or kept in a parked change), so that the account has
     * <em>a</em> password that a later reset or self-service can replace. Nobody learns it.
     *
     * @param mode   none (default), ssha or clear
     * @param length characters (default 24, at least 16)
     */
    public record InitialPassword(PasswordMode mode, Integer length) {
        static final InitialPassword NONE = new InitialPassword(null, null);

        public InitialPassword {
            mode = mode == null ? PasswordMode.NONE : mode;
            length = length == null ? 24 : length;
            if (length < 16 || length > 128) {
                throw new IllegalArgumentException("initial-password.length " + length + " is not 16..128");
            }
        }
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
        DELETE,
        /**
         * OpenLDAP with the ppolicy overlay: {@code pwdAccountLockedTime: 000001010000Z} (locked until an
         * administrator unlocks); re-enable removes the attribute. An operational attribute, read by name.
         */
        PPOLICY,
        /**
         * 389 Directory Server / Red Hat DS / FreeIPA: {@code nsAccountLock: TRUE}; re-enable removes it. An
         * operational attribute, read by name.
         */
        NS_ACCOUNT_LOCK,
        /**
         * AD LDS (and AD): bit {@code 0x2} (ACCOUNTDISABLE) of {@code userAccountControl} set, re-enable clears it;
         * the other bits of the value the entry holds stay. A new entry gets {@code 512} (NORMAL_ACCOUNT) or
         * {@code 514}.
         */
        USER_ACCOUNT_CONTROL,
        /** AD LDS: {@code msDS-UserAccountDisabled: TRUE}, re-enable {@code FALSE} (always written). */
        MS_DS_USER_ACCOUNT_DISABLED
    }

    /** What an attribute-style strategy writes: the attribute, its value while disabled, and while enabled. */
    public record DisableMark(String attribute, String disabledValue, String enabledValue) {
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
     * @param strategy  move (default), delete, attribute, or one of the named strategies of real directories:
     *                  ppolicy (OpenLDAP), ns-account-lock (389-DS), user-account-control (AD LDS / AD bit 2),
     *                  ms-ds-user-account-disabled (AD LDS)
     * @param attribute for {@code attribute}: which attribute marks the entry disabled. The default,
     *                  {@code description}, exists on plain slapd (core schema) but stops no login by itself
     * @param value     for {@code attribute}: the value written while disabled
     */
    public record Disable(DisableStrategy strategy, String attribute, String value) {
        static final String PPOLICY_LOCKED = "000001010000Z";
        static final String USER_ACCOUNT_CONTROL = "userAccountControl";
        /** ACCOUNTDISABLE of userAccountControl. */
        static final long UAC_DISABLED = 0x2;
        /** NORMAL_ACCOUNT: what a new entry of the user-account-control strategy gets (with bit 2 when disabled). */
        static final long UAC_NORMAL_ACCOUNT = 0x200;

        public Disable {
            strategy = strategy == null ? DisableStrategy.MOVE : strategy;
            attribute = attribute == null || attribute.isBlank() ? "description" : attribute;
            value = value == null || value.isBlank() ? "disabled by scim-bridge" : value;
        }

        /**
         * The attribute and values of the strategies that mark the entry in place with one value
         * (attribute, ppolicy, ns-account-lock, ms-ds-user-account-disabled); null for the others. A null
         * {@code enabledValue}: the attribute is removed on re-enable.
         */
        public DisableMark mark() {
            return switch (strategy) {
                case ATTRIBUTE -> new DisableMark(attribute, value, null);
                case PPOLICY -> new DisableMark("pwdAccountLockedTime", PPOLICY_LOCKED, null);
                case NS_ACCOUNT_LOCK -> new DisableMark("nsAccountLock", "TRUE", null);
                case MS_DS_USER_ACCOUNT_DISABLED -> new DisableMark("msDS-UserAccountDisabled", "TRUE", "FALSE");
                default -> null;
            };
        }

        /**
         * Attributes the strategy reads that a search for all user attributes ({@code *}) does not return:
         * operational ones (pwdAccountLockedTime, nsAccountLock), and those AD returns only when asked.
         */
        public List<String> readAttributes() {
            return switch (strategy) {
                case PPOLICY, NS_ACCOUNT_LOCK, MS_DS_USER_ACCOUNT_DISABLED -> List.of(mark().attribute());
                case USER_ACCOUNT_CONTROL -> List.of(USER_ACCOUNT_CONTROL);
                default -> List.of();
            };
        }

        /** userAccountControl with the disable bit set or cleared, the other bits of {@code current} kept. */
        public static String userAccountControl(String current, boolean active) {
            long v = UAC_NORMAL_ACCOUNT;
            if (current != null && !current.isBlank()) {
                try {
                    v = Long.parseLong(current.trim());
                } catch (NumberFormatException notANumber) {
                    v = UAC_NORMAL_ACCOUNT;
                }
            }
            return String.valueOf(active ? v & ~UAC_DISABLED : v | UAC_DISABLED);
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
