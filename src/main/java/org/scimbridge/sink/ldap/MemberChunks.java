package org.scimbridge.sink.ldap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the member values of a big group's writes into requests of at most {@link #SIZE} values: a group created
 * with 50,000 members is an add with the first chunk and then modify-adds of the rest, and a change of many
 * members several modifies, so that no single request runs into a server's size or time limits
 * ({@code sizelimit}, {@code MaxValRange}, a client read timeout). Interrupted half-way, the replay plans against
 * what the target holds then and writes the chunks that are missing.
 */
final class MemberChunks {

    static final int SIZE = 1_000;

    private MemberChunks() {
    }

    static List<LdapWrite> split(List<LdapWrite> writes, String memberAttribute, int size) {
        List<LdapWrite> out = new ArrayList<>();
        for (LdapWrite w : writes) {
            if (w instanceof LdapWrite.Bind b) {
                splitBind(b, memberAttribute, size, out);
            } else if (w instanceof LdapWrite.Modify m) {
                splitModify(m, memberAttribute, size, out);
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static void splitBind(LdapWrite.Bind b, String attr, int size, List<LdapWrite> out) {
        String key = b.attributes().keySet().stream().filter(k -> k.equalsIgnoreCase(attr)).findFirst().orElse(null);
        List<String> values = key == null ? List.of() : b.attributes().get(key);
        if (values.size() <= size) {
            out.add(b);
            return;
        }
        Map<String, List<String>> first = new LinkedHashMap<>(b.attributes());
        first.put(key, values.subList(0, size));
        out.add(new LdapWrite.Bind(b.dn(), first));
        for (int i = size; i < values.size(); i += size) {
            out.add(new LdapWrite.Modify(b.dn(), List.of(new LdapWrite.Mod(LdapWrite.Op.ADD, key,
                    values.subList(i, Math.min(values.size(), i + size))))));
        }
    }

    private static void splitModify(LdapWrite.Modify m, String attr, int size, List<LdapWrite> out) {
        if (m.mods().stream().noneMatch(mod -> mod.attribute().equalsIgnoreCase(attr) && mod.values().size() > size)) {
            out.add(m);
            return;
        }
        // the other attributes first, then the member adds, then the member deletes, each in chunks: adding before
        // deleting keeps a DN-style group from ever being left without a member (its schema requires one)
        List<LdapWrite.Mod> head = new ArrayList<>();
        List<LdapWrite.Mod> adds = new ArrayList<>();
        List<LdapWrite.Mod> deletes = new ArrayList<>();
        for (LdapWrite.Mod mod : m.mods()) {
            boolean member = mod.attribute().equalsIgnoreCase(attr);
            (member && mod.op() == LdapWrite.Op.ADD ? adds : member && mod.op() == LdapWrite.Op.DELETE ? deletes
                    : head).add(mod);
        }
        if (!head.isEmpty()) {
            out.add(new LdapWrite.Modify(m.dn(), head));
        }
        for (LdapWrite.Mod mod : concat(adds, deletes)) {
            for (int i = 0; i < mod.values().size(); i += size) {
                out.add(new LdapWrite.Modify(m.dn(), List.of(new LdapWrite.Mod(mod.op(), mod.attribute(),
                        mod.values().subList(i, Math.min(mod.values().size(), i + size))))));
            }
        }
    }

    private static List<LdapWrite.Mod> concat(List<LdapWrite.Mod> a, List<LdapWrite.Mod> b) {
        List<LdapWrite.Mod> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
