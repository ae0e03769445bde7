package org.scimbridge.camel;

import org.apache.camel.Exchange;

/** The directory's base URL ({@code http://host:8080/scim/v2/demo}) for meta.location and $ref. */
final class BaseUrls {

    private BaseUrls() {
    }

    static String of(Exchange exchange, String publicBaseUrl) {
        String directoryId = ScimExchange.directoryId(exchange);
        if (publicBaseUrl != null && !publicBaseUrl.isBlank()) {
            return stripSlash(publicBaseUrl) + "/scim/v2/" + directoryId;
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

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
