package org.scimbridge.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for resource ids and request ids. {@link UUID#randomUUID()} draws from one
 * {@link SecureRandom} shared by the JVM, whose {@code nextBytes} is synchronized: under load the request threads
 * queued on its monitor (the profile of 2026-12-02). One generator per thread gives the same kind of id without
 * the shared lock.
 */
public final class RandomIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private RandomIds() {
    }

    public static UUID uuid() {
        byte[] b = new byte[16];
        RANDOM.get().nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);   // version 4
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);   // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[8 + i] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    public static String string() {
        return uuid().toString();
    }
}
