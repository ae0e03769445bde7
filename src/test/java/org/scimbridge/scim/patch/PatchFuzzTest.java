package org.scimbridge.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimbridge.entra.EntraPatchNormalizer;
import org.scimbridge.entra.ResourceBodyNormalizer;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.testsupport.Patches;

/**
 * Seeded random PATCH bodies, valid and broken. Whatever comes in, only a 400 ScimException may come out, and the
 * stored resource passed in is never modified. A failure prints the seed and the body to reproduce it.
 */
class PatchFuzzTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int BODIES_PER_SEED = 1_000;

    private static final List<String> PATHS = List.of(
            "displayName", "DisplayName", "userName", "externalId", "nickName", "title", "active", "Active",
            "name", "name.givenName", "name.FamilyName", "name.nope", "emails", "emails.value", "emails.type",
            "emails[type eq \"work\"].value", "emails[type eq \"work\"]", "emails[type eq \"work\"].primary",
            "emails[primary eq true].value", "emails[value co \"@\"].type", "emails[type ne \"home\" and value pr]",
            "emails[not (type eq \"x\")].display", "emails[value gt 5].value", "emails[type sw \"w\" or type ew \"k\"]",
            "phoneNumbers[type eq \"mobile\"].value", "addresses[type eq \"work\"].Formatted",
            "addresses[type eq \"work\"].locality", "addresses[postalCode ge \"9\"]", "addresses",
            "roles", "roles[value eq \"Admin\"]", "entitlements", "x509Certificates", "groups", "password",
            "id", "meta", "meta.created", "schemas", "members", "members[value eq \"m1\"]",
            "members[value eq \"a\" or value eq \"b\"]", "members[display eq \"x\"]", "members.value",
            "manager", "manager.value", "manager.displayName", "department",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:nope",
            "urn:ietf:params:scim:schemas:extension:Custom:2.0:User:attr",
            "urn:ietf:params:scim:schemas:extension:Custom:2.0:User",
            "urn:ietf:params:scim:schemas:core:2.0:User:title", "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:core:2.0:Group", "urn:", "urn:x:", "a.b.c", "emails[", "emails[]",
            "emails[type eq]", "emails[type eq \"work\"].value.x", "[x]", "", " ", "foo", "emails[value[type eq 1]]");

    private static final List<String> OPS = List.of("add", "Add", "ADD", "replace", "Replace", "remove", "Remove",
            "move", "", "copy");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 42, 1234567})
    void onlyBadRequestEscapesAndCurrentIsNeverMutated(long seed) {
        Random random = new Random(seed);
        EntraPatchNormalizer normalizer = new EntraPatchNormalizer();
        PatchApplier applier = new PatchApplier();
        ResourceBodyNormalizer bodies = new ResourceBodyNormalizer();
        int applied = 0;
        int rejected = 0;
        for (int i = 0; i < BODIES_PER_SEED; i++) {
            ResourceKind kind = random.nextBoolean() ? ResourceKind.USER : ResourceKind.GROUP;
            ObjectNode current = kind == ResourceKind.USER ? richUser() : Patches.storedGroup();
            ObjectNode snapshot = current.deepCopy();
            JsonNode body = random.nextInt(20) == 0 ? randomValue(random, 3) : randomPatch(random);
            MembersReplacePolicy policy = random.nextBoolean() ? MembersReplacePolicy.ENTRA : MembersReplacePolicy.RFC;
            try {
                PatchResult result = applier.apply(kind, current, normalizer.normalize(kind, body).operations(), policy);
                assertThat(result.resource()).isNotSameAs(current);
                // what a PATCH stored must be storable again: re-normalising it as a PUT body may not blow up
                bodies.normalize(kind, result.resource());
                applied++;
            } catch (ScimException e) {
                rejected++;
                if (e.status() != 400) {
                    fail("seed " + seed + " #" + i + ": status " + e.status() + " for " + body, e);
                }
            } catch (RuntimeException e) {
                fail("seed " + seed + " #" + i + ": " + e + " for " + body, e);
            }
            if (!current.equals(snapshot)) {
                fail("seed " + seed + " #" + i + ": current was mutated by " + body);
            }
            try {
                bodies.normalize(kind, random.nextBoolean() ? randomValue(random, 3) : randomResource(random));
            } catch (ScimException e) {
                assertThat(e.status()).isEqualTo(400);
            }
        }
        assertThat(applied).as("the generator must also produce bodies that apply").isGreaterThan(BODIES_PER_SEED / 10);
        assertThat(rejected).as("and bodies that are refused").isGreaterThan(BODIES_PER_SEED / 10);
    }

    static JsonNode randomPatch(Random r) {
        ObjectNode body = F.objectNode();
        if (r.nextInt(4) > 0) {
            body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
        }
        ArrayNode ops = body.putArray(r.nextInt(8) == 0 ? "operations" : "Operations");
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(30) == 0) {
                ops.add(randomValue(r, 2));
                continue;
            }
            ObjectNode op = ops.addObject();
            if (r.nextInt(25) > 0) {
                op.put("op", pick(r, OPS));
            }
            if (r.nextInt(5) > 0) {
                op.put("path", r.nextInt(15) == 0 ? garbage(r) : pick(r, PATHS));
            } else if (r.nextInt(10) == 0) {
                op.set("path", randomValue(r, 1));
            }
            if (r.nextInt(6) > 0) {
                op.set("value", r.nextInt(3) == 0 ? randomMap(r) : randomValue(r, 3));
            }
        }
        return body;
    }

    private static ObjectNode randomMap(Random r) {
        ObjectNode map = F.objectNode();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            map.set(r.nextInt(8) == 0 ? garbage(r) : pick(r, PATHS), randomValue(r, 2));
        }
        return map;
    }

    private static ObjectNode randomResource(Random r) {
        ObjectNode body = F.objectNode();
        for (String key : List.of("userName", "Active", "emails", "name", "manager", "members", "roles", "schemas",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:x:y", "id", "password")) {
            if (r.nextBoolean()) {
                body.set(key, randomValue(r, 3));
            }
        }
        return body;
    }

    private static JsonNode randomValue(Random r, int depth) {
        int kind = r.nextInt(depth <= 0 ? 9 : 13);
        return switch (kind) {
            case 0 -> F.nullNode();
            case 1 -> F.textNode("");
            case 2 -> F.textNode(r.nextBoolean() ? "True" : "false");
            case 3 -> F.booleanNode(r.nextBoolean());
            case 4 -> F.numberNode(r.nextInt(1000) - 500);
            case 5 -> F.numberNode(r.nextDouble() * 1e6);
            case 6 -> F.textNode(garbage(r));
            case 7 -> F.textNode("{\"value\":\"Admin\",\"id\":\"" + r.nextInt(9) + "\"}");
            case 8 -> F.textNode(pick(r, List.of("work", "home", "m1", "a", "Admin", "271")));
            case 9, 10 -> {
                ArrayNode a = F.arrayNode();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(r.nextInt(3) == 0 ? randomValue(r, depth - 1) : randomElement(r, depth - 1));
                }
                yield a;
            }
            default -> randomElement(r, depth - 1);
        };
    }

    private static ObjectNode randomElement(Random r, int depth) {
        ObjectNode o = F.objectNode();
        List<String> keys = List.of("value", "Value", "type", "primary", "Primary", "display", "$ref", "givenName",
                "formatted", "department", "manager", "x");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            o.set(pick(r, keys), depth <= 0 ? F.textNode(pick(r, List.of("work", "true", "m1", ""))) : randomValue(r, depth));
        }
        return o;
    }

    private static String garbage(Random r) {
        String alphabet = "aZ.:[]\"() \\eqorandnt1_-$urn{}";
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(20);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static String pick(Random r, List<String> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static ObjectNode richUser() {
        ObjectNode user = Patches.storedUser();
        user.withArray("emails").addObject().put("type", "home").put("value", "h@x").put("primary", false);
        user.putArray("addresses").addObject().put("type", "work").put("locality", "Redmond");
        user.putArray("roles").addObject().put("value", "Admin");
        user.withArray("schemas").add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        user.putObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").put("department", "R")
                .putObject("manager").put("value", "271");
        user.putObject("urn:ietf:params:scim:schemas:extension:Custom:2.0:User").put("attr", "x");
        return user;
    }
}
