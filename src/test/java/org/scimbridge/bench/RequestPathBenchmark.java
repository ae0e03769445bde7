package org.scimbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.scimbridge.scim.patch.MembersReplacePolicy;
import org.scimbridge.entra.EntraPatchNormalizer;
import org.scimbridge.entra.NormalizedPatch;
import org.scimbridge.entra.ResourceBodyNormalizer;
import org.scimbridge.scim.filter.FilterParser;
import org.scimbridge.scim.model.ScimJson;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.scim.patch.PatchApplier;
import org.scimbridge.scim.patch.PatchResult;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.store.query.SearchQuery;
import org.scimbridge.store.query.SearchQueryBuilder;
import org.scimbridge.testsupport.Json;

/**
 * What the Java steps of one request cost, without HTTP or the database: the Entra PATCH normalizer (both
 * dialects), the applier, the POST body normalizer, and a matching filter parsed and turned into SQL.
 * Run with {@code scripts/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class RequestPathBenchmark {

    private final EntraPatchNormalizer normalizer = new EntraPatchNormalizer();
    private final PatchApplier applier = new PatchApplier();
    private final ResourceBodyNormalizer bodies = new ResourceBodyNormalizer();
    private JsonNode defaultDialect;
    private JsonNode flagDialect;
    private JsonNode createBody;
    private ObjectNode user;
    private NormalizedPatch normalizedDefault;

    @Setup
    public void load() {
        defaultDialect = Json.fixtureBody(12);
        flagDialect = Json.fixtureBody(13);
        createBody = Json.fixtureBody(9);
        user = bodies.normalize(ResourceKind.USER, createBody);
        user.put("id", "5171a35d82074e068ce2");
        normalizedDefault = normalizer.normalize(ResourceKind.USER, defaultDialect);
    }

    @Benchmark
    public NormalizedPatch normalizeDefaultDialect() {
        return normalizer.normalize(ResourceKind.USER, defaultDialect);
    }

    @Benchmark
    public NormalizedPatch normalizeFlagDialect() {
        return normalizer.normalize(ResourceKind.USER, flagDialect);
    }

    @Benchmark
    public PatchResult applyNormalizedPatch() {
        return applier.apply(ResourceKind.USER, user, normalizedDefault.operations(), MembersReplacePolicy.ENTRA);
    }

    @Benchmark
    public ObjectNode normalizeCreateBody() {
        return bodies.normalize(ResourceKind.USER, createBody);
    }

    @Benchmark
    public SearchQuery workEmailFilterToSql() {
        SearchRequest request = new SearchRequest(
                FilterParser.parse("emails[type eq \"work\"].value eq \"ada@contoso.com\""), null, false, 1, 100,
                List.of(), List.of());
        return SearchQueryBuilder.build("demo", ResourceKind.USER, request, 10_000);
    }

    @Benchmark
    public String parsePatchBodyJson() {
        return ScimJson.write(ScimJson.parseObject(flagDialect.toString()));
    }
}
