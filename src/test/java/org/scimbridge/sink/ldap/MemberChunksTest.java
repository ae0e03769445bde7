package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimbridge.sink.ldap.LdapWrite.Mod;
import org.scimbridge.sink.ldap.LdapWrite.Op;

/** A big group's writes in chunks; small writes untouched; adds before deletes. */
class MemberChunksTest {

    private static List<String> members(int n) {
        List<String> m = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            m.add("uid=u" + i + ",ou=people,dc=example,dc=org");
        }
        return m;
    }

    @Test
    void groupCreatedWithTwoAndAHalfChunksIsOneAddAndTwoModifyAdds() {
        LdapWrite.Bind add = new LdapWrite.Bind("cn=g", Map.of("objectClass", List.of("groupOfNames"),
                "member", members(2_500)));
        List<LdapWrite> out = MemberChunks.split(List.of(add), "member", 1_000);
        assertThat(out).hasSize(3);
        assertThat(((LdapWrite.Bind) out.get(0)).attributes().get("member")).hasSize(1_000);
        assertThat(((LdapWrite.Modify) out.get(2)).mods()).singleElement().satisfies(m -> {
            assertThat(m.op()).isEqualTo(Op.ADD);
            assertThat(m.values()).hasSize(500).startsWith("uid=u2000,ou=people,dc=example,dc=org");
        });
    }

    @Test
    void smallWritesAreLeftAsTheyAre() {
        List<LdapWrite> writes = List.of(new LdapWrite.Modify("cn=g", List.of(new Mod(Op.ADD, "member", members(3)),
                new Mod(Op.DELETE, "member", List.of("cn=admin")))), new LdapWrite.Unbind("uid=x"));
        assertThat(MemberChunks.split(writes, "member", 1_000)).isEqualTo(writes);
    }

    @Test
    void placeholderIsDeletedOnlyAfterTheBigAddSoTheGroupIsNeverEmpty() {
        LdapWrite.Modify m = new LdapWrite.Modify("cn=g", List.of(new Mod(Op.DELETE, "member", List.of("cn=admin")),
                new Mod(Op.ADD, "member", members(1_500)), new Mod(Op.REPLACE, "description", List.of("x"))));
        List<LdapWrite> out = MemberChunks.split(List.of(m), "member", 1_000);
        assertThat(out).extracting(w -> ((LdapWrite.Modify) w).mods().get(0).op())
                .containsExactly(Op.REPLACE, Op.ADD, Op.ADD, Op.DELETE);
    }
}
