package org.scimbridge.camel;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.security.BearerAuthentication;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * First step of every SCIM route: puts the directory that the security chain authenticated (before the body was
 * read, see {@code SecurityConfiguration}) on the exchange, and drops the {@code Authorization} header so that
 * no later step can log or echo it. A request that reached a route without that authentication, or for another
 * directory than its URL names, is refused.
 */
@Component("authenticatedDirectory")
public class AuthenticatedDirectoryProcessor implements Processor {

    private static final RequestAttributeSecurityContextRepository CONTEXTS =
            new RequestAttributeSecurityContextRepository();

    private final BridgeProperties properties;

    public AuthenticatedDirectoryProcessor(BridgeProperties properties) {
        this.properties = properties;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().removeHeader("Authorization");
        String directoryId = ScimExchange.directoryId(exchange);
        if (directoryId == null || !directoryId.equals(authenticatedDirectory(exchange))) {
            throw ScimException.unauthorized("A valid bearer token for this directory is required");
        }
        exchange.setProperty(ScimExchange.DIRECTORY, properties.directories().get(directoryId));
    }

    private static String authenticatedDirectory(Exchange exchange) {
        if (!(exchange.getIn() instanceof PlatformHttpMessage http) || http.getRequest() == null) {
            return null;
        }
        HttpServletRequest request = http.getRequest();
        return BearerAuthentication.authenticatedDirectory(
                CONTEXTS.loadDeferredContext(request).get().getAuthentication());
    }
}
