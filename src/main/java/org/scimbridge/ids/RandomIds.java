package org.scimbridge.ids;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for resource ids and request ids. {@link UUID#randomUUID()} draws from one
 * {@link SecureRandom} shared by the JVM, whose {@code nextBytes} is synchronized: under load the request threads
 * queued on its monitor (the profile of 2026-12-02). One generator per thread gives the same kind of id without
 * the shared lock. The generator is a DRBG (NIST SP 800-90A, seeded from the system once per thread): per-thread
 * instances of the default NativePRNG would still meet on the one mixing generator that all of them share.
 */
public final class RandomIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RandomIds::generator);

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

    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no DRBG SecureRandom", e);
        }
    }
}
