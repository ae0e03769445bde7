package org.scimbridge.store.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.scimbridge.config.SearchProperties;
import org.scimbridge.scim.error.ScimException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * RFC 9865 cursors: opaque to the client, tamper-proof (HMAC-SHA256 over the position, the directory and the
 * query it belongs to), and accepted for {@link SearchProperties#cursorTtl()}. A cursor of another directory,
 * another filter or sort, a forged or an expired one is 400 {@code invalidCursor}.
 */
@Component
public class CursorCodec {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final long ttlMillis;
    private final Clock clock;

    @Autowired
    public CursorCodec(SearchProperties properties) {
        this(properties, Clock.systemUTC());
    }

    CursorCodec(SearchProperties properties, Clock clock) {
        byte[] secret = properties.cursorSecret().isEmpty() ? random() : properties.cursorSecret()
                .getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttlMillis = properties.cursorTtl().toMillis();
        this.clock = clock;
    }

    /** @param scope the directory, resource type, filter and sort the cursor is valid for */
    public String encode(String scope, PageCursor next) {
        String payload = String.join("|", "1", Long.toString(clock.millis()),
                next.afterCreated() == null ? "" : Long.toString(next.afterCreated().toInstant().toEpochMilli()),
                next.afterId() == null ? "" : next.afterId(), Long.toString(next.position()));
        String body = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(scope + "\n" + body));
    }

    /** The empty cursor asks for the first page. */
    public PageCursor decode(String scope, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return PageCursor.FIRST;
        }
        int dot = cursor.indexOf('.');
        byte[] given;
        String body;
        try {
            body = cursor.substring(0, Math.max(0, dot));
            given = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw invalid();
        }
        if (dot <= 0 || !MessageDigest.isEqual(given, mac(scope + "\n" + body))) {
            throw invalid();
        }
        String[] fields = new String(DECODER.decode(body), StandardCharsets.UTF_8).split("\\|", -1);
        if (fields.length != 5 || !fields[0].equals("1")) {
            throw invalid();
        }
        if (clock.millis() - Long.parseLong(fields[1]) > ttlMillis) {
            throw new ScimException(400, "invalidCursor", "The cursor has expired; start again with cursor=");
        }
        OffsetDateTime created = fields[2].isEmpty() ? null
                : Instant.ofEpochMilli(Long.parseLong(fields[2])).atOffset(ZoneOffset.UTC);
        return new PageCursor(created, fields[3].isEmpty() ? null : fields[3], Long.parseLong(fields[4]));
    }

    private static ScimException invalid() {
        return new ScimException(400, "invalidCursor", "The cursor is not one this list handed out");
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
