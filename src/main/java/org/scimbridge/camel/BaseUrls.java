package org.scimbridge.camel;

import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The directory's base URL ({@code http://host:8080/scim/v2/demo}) for meta.location and $ref: from
 * {@code scim-bridge.public-base-url} behind a reverse proxy, else from the request.
 */
@Component
public class BaseUrls {

    private final String publicBaseUrl;

    public BaseUrls(@Value("${scim-bridge.public-base-url:}") String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    public String of(Exchange exchange) {
        String directoryId = ScimExchange.directoryId(exchange);
        if (!publicBaseUrl.isBlank()) {
            return publicBaseUrl + "/scim/v2/" + directoryId;
        }
        String url = exchange.getMessage().getHeader(Exchange.HTTP_URL, String.class);
        String marker = "/scim/v2/" + directoryId;
        if (url != null) {
            int at = url.indexOf(marker);
            if (at >= 0) {
                return url.substring(0, at + marker.length());
            }
        }
        return marker;
    }
}
