package org.scimbridge.sink;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Signs a request body for a receiver to verify, the scheme webhook receivers commonly implement: the header
 * value {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}. The receiver recomputes the HMAC
 * over the timestamp, a dot and the raw body with the shared secret, compares it in constant time, and rejects a
 * timestamp too far from its clock (a replayed request). Camel has no HMAC step of its own (camel-crypto signs
 * with key pairs), so sink routes call this bean: {@code setHeader} with {@code method: {ref: hmacSigner, method:
 * signature}}, the secret in the exchange property {@code hmacSecret}.
 */
@Component("hmacSigner")
public class HmacSigner {

    private final Clock clock;

    public HmacSigner() {
        this(Clock.systemUTC());
    }

    HmacSigner(Clock clock) {
        this.clock = clock;
    }

    /** The signature header value of {@code body}, now. */
    public String signature(@Body String body, @ExchangeProperty("hmacSecret") String secret) {
        return signature(body, secret, clock.instant().getEpochSecond());
    }

    public static String signature(String body, String secret, long unixSeconds) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("no signing secret (exchange property hmacSecret)");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
