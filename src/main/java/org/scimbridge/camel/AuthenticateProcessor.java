package org.scimbridge.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.security.DirectoryTokens;
import org.springframework.stereotype.Component;

/** First step of every SCIM request: the bearer token must be the directory's; the header is then dropped. */
@Component("authenticate")
public class AuthenticateProcessor implements Processor {

    private final DirectoryTokens tokens;
    private final BridgeProperties properties;

    public AuthenticateProcessor(DirectoryTokens tokens, BridgeProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public void process(Exchange exchange) {
        String directoryId = ScimExchange.directoryId(exchange);
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeader("Authorization");
        tokens.authenticate(directoryId, authorization);
        exchange.setProperty(ScimExchange.DIRECTORY, properties.directories().get(directoryId));
    }
}
