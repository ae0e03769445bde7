package org.scimbridge.camel;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.entra.EntraPatchNormalizer;
import org.scimbridge.entra.EntraQuirk;
import org.scimbridge.entra.NormalizedPatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns whatever PATCH dialect Entra sent (default, or {@code aadOptscim062020}) into canonical RFC 7644
 * operations, and counts each quirk it needed in {@code scim.entra.quirks{directory,quirk}}, so an operator
 * can see which dialect a tenant speaks.
 */
@Component("normalizePatch")
public class NormalizePatchProcessor implements Processor {

    public static final String OPERATIONS = "scimPatchOperations";
    private static final Logger LOG = LoggerFactory.getLogger(NormalizePatchProcessor.class);

    private final EntraPatchNormalizer normalizer = new EntraPatchNormalizer();
    private final MeterRegistry meters;

    public NormalizePatchProcessor(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void process(Exchange exchange) {
        NormalizedPatch patch = normalizer.normalize(ScimExchange.kind(exchange), RequestBodies.readObject(exchange));
        String directoryId = ScimExchange.directoryId(exchange);
        for (EntraQuirk quirk : patch.quirks()) {
            meters.counter("scim.entra.quirks", "directory", directoryId, "quirk", quirk.name()).increment();
        }
        if (!patch.quirks().isEmpty()) {
            LOG.debug("PATCH {} {} used Entra quirks {}", directoryId, ScimExchange.resourceId(exchange),
                    patch.quirks());
        }
        exchange.setProperty(OPERATIONS, patch);
    }
}
