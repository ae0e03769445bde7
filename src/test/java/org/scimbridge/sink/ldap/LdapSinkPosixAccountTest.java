package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Users of the {@code ldap-posix} target are posixAccounts (range 20000..29999, gidNumber 100, home
 * {@code /srv/home/{uid}}, shell {@code /bin/zsh}): uidNumbers allocated once per SCIM id, kept through rename,
 * replay and delete, never handed out twice.
 */
class LdapSinkPosixAccountTest extends LdapSinkTestBase {

    private static final String PEOPLE2 = "ou=people2,dc=example,dc=org";
    private static final String GROUPS2 = "ou=groups2,dc=example,dc=org";

    @Autowired
    PosixIds posixIds;

    @Test
    void usersGetAllocatedUidNumbersKeptThroughRenameReplayAndDelete() throws Exception {
        String a = uid();
        String b = uid();
        String g = uid();
        String nameA = "pa" + a.substring(0, 6);
        String nameB = "pb" + b.substring(0, 6);
        Map<String, Object> ua = user(a, nameA, "Pos", "Ix");
        Map<String, Object> ub = user(b, nameB, "Pos", "Iy");
        feed.user("posix", "CREATE", ua);
        feed.user("posix", "CREATE", ub);
        feed.group("posix", "CREATE", group(g, "pxa " + g.substring(0, 6)), List.of(a, b), List.of());
        awaitPosix();

        Entry ea = entry("uid=" + nameA + "," + PEOPLE2);
        Entry eb = entry("uid=" + nameB + "," + PEOPLE2);
        assertThat(ea.getObjectClassValues()).contains("inetOrgPerson", "posixAccount");
        long uidA = ea.getAttributeValueAsLong("uidNumber");
        long uidB = eb.getAttributeValueAsLong("uidNumber");
        assertThat(uidB).as("the next number of the range").isEqualTo(uidA + 1);
        assertThat(uidA).isBetween(20000L, 29999L);
        assertThat(jdbc.queryForObject("SELECT MIN(posix_id) FROM sink_ldap_posix_id WHERE sink = 'ldap-posix'",
                Long.class)).as("allocation starts at uid-number-start").isEqualTo(20000L);
        assertThat(ea.getAttributeValue("uid")).isEqualTo(nameA);
        assertThat(ea.getAttributeValue("cn")).isEqualTo("Pos Ix");
        assertThat(ea.getAttributeValue("gidNumber")).isEqualTo("100");
        assertThat(ea.getAttributeValue("homeDirectory")).isEqualTo("/srv/home/" + nameA);
        assertThat(ea.getAttributeValue("loginShell")).isEqualTo("/bin/zsh");
        assertThat(eb.getAttributeValue("homeDirectory")).isEqualTo("/srv/home/" + nameB);
        String groupDn = "cn=pxa " + g.substring(0, 6) + "," + GROUPS2;
        assertThat(entry(groupDn).getAttributeValues("memberUid")).containsExactlyInAnyOrder(nameA, nameB);

        // rename: same entry, same uidNumber; the group follows; the home stays where it is on disk
        String renamed = "pr" + a.substring(0, 6);
        ua.put("userName", renamed);
        feed.user("posix", "UPDATE", ua);
        awaitPosix();
        assertThat(entry("uid=" + nameA + "," + PEOPLE2)).isNull();
        Entry er = entry("uid=" + renamed + "," + PEOPLE2);
        assertThat(er.getAttributeValue("entryUUID")).isEqualTo(ea.getAttributeValue("entryUUID"));
        assertThat(er.getAttributeValueAsLong("uidNumber")).isEqualTo(uidA);
        assertThat(er.getAttributeValues("uid")).containsExactly(renamed);
        assertThat(er.getAttributeValue("homeDirectory")).isEqualTo("/srv/home/" + nameA);
        assertThat(entry(groupDn).getAttributeValues("memberUid")).containsExactlyInAnyOrder(renamed, nameB);

        // re-applying the same state (an update, and the create again) writes nothing but the position of each of
        // the three changes (LdapWatermark), and allocates nothing
        long writes = writes();
        long allocated = allocations();
        assertThat(writes).as("the writes counter of ldap-posix counts").isPositive();
        feed.user("posix", "UPDATE", ua);
        feed.user("posix", "CREATE", ua);
        feed.user("posix", "UPDATE", ub);
        awaitPosix();
        assertThat(writes()).isEqualTo(writes + 3);
        assertThat(allocations()).isEqualTo(allocated);
        assertThat(entry("uid=" + renamed + "," + PEOPLE2).getAttributeValueAsLong("uidNumber")).isEqualTo(uidA);
        assertThat(entry("uid=" + nameB + "," + PEOPLE2).getAttributeValueAsLong("uidNumber")).isEqualTo(uidB);

        // delete B: its number is not recycled; a new user gets a fresh one
        Map<String, Object> deleted = new LinkedHashMap<>();
        deleted.put("id", b);
        deleted.put("userName", nameB);
        feed.user("posix", "DELETE", deleted);
        feed.group("posix", "UPDATE", group(g, "pxa " + g.substring(0, 6)), List.of(), List.of(b));
        String c = uid();
        String nameC = "pc" + c.substring(0, 6);
        feed.user("posix", "CREATE", user(c, nameC, "Pos", "Iz"));
        awaitPosix();
        assertThat(entry("uid=" + nameB + "," + PEOPLE2)).isNull();
        assertThat(entry(groupDn).getAttributeValues("memberUid")).containsExactly(renamed);
        long uidC = entry("uid=" + nameC + "," + PEOPLE2).getAttributeValueAsLong("uidNumber");
        assertThat(uidC).isGreaterThan(uidB).isNotEqualTo(uidA);
        assertThat(feedStore.parked("ldap-posix")).noneMatch(p -> Set.of(a, b, c).contains(p.resourceId()));
    }

    @Test
    void anEntryThatIsNotYetAPosixAccountBecomesOneInPlace() throws Exception {
        String a = uid();
        String name = "pe" + a.substring(0, 6);
        String dn = "uid=" + name + "," + PEOPLE2;
        connection().add(dn, new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "person",
                        "organizationalPerson", "inetOrgPerson"),
                new com.unboundid.ldap.sdk.Attribute("uid", name), new com.unboundid.ldap.sdk.Attribute("cn", "Old"),
                new com.unboundid.ldap.sdk.Attribute("sn", "Old"));
        String uuid = entry(dn).getAttributeValue("entryUUID");

        feed.user("posix", "CREATE", user(a, name, "Pos", "Old"));
        awaitPosix();
        Entry e = entry(dn);
        assertThat(e.getAttributeValue("entryUUID")).isEqualTo(uuid);
        assertThat(e.getObjectClassValues()).contains("inetOrgPerson", "posixAccount");
        assertThat(e.getAttributeValueAsLong("uidNumber")).isEqualTo(posixIds.uidNumber("ldap-posix", "posix", a)
                .orElseThrow());
        assertThat(e.getAttributeValue("homeDirectory")).isEqualTo("/srv/home/" + name);
        assertThat(e.getAttributeValue("loginShell")).isEqualTo("/bin/zsh");
        assertThat(e.getAttributeValue("cn")).isEqualTo("Pos Old");
    }

    @Test
    void concurrentAllocationsNeverShareANumberAndGiveOneNumberPerId() throws Exception {
        // as two bridges on one database would: many threads, each allocating for the same ten ids
        String sink = "alloc-" + uid().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(uid());
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Map<String, Long>>> jobs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                jobs.add(() -> {
                    Map<String, Long> got = new LinkedHashMap<>();
                    for (String id : ids) {
                        got.put(id, posixIds.allocateUidNumber(sink, "d", id, 700, 799));
                    }
                    return got;
                });
            }
            List<Map<String, Long>> results = new ArrayList<>();
            for (Future<Map<String, Long>> f : pool.invokeAll(jobs)) {
                results.add(f.get());
            }
            Map<String, Long> first = results.get(0);
            results.forEach(r -> assertThat(r).as("every caller sees the same number per id").isEqualTo(first));
            assertThat(new HashSet<>(first.values())).as("no number given twice").hasSize(10);
            assertThat(first.values()).allSatisfy(n -> assertThat(n).isBetween(700L, 709L));
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitPosix() {
        awaitCaughtUp("ldap-posix", "posix");
    }

    private long allocations() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM sink_ldap_posix_id WHERE sink = 'ldap-posix'", Long.class);
    }

    private long writes() {
        var c = camel.getRegistry().findSingleByType(io.micrometer.core.instrument.MeterRegistry.class)
                .find("scim_bridge_sink_ldap_writes_total").tag("sink", "ldap-posix").counter();
        return c == null ? 0 : (long) c.count();
    }
}
