package org.scimbridge.sink.ldap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * {@code {SSHA}} as OpenLDAP writes and checks it ({@code slappasswd -h {SSHA}}): {@code "{SSHA}" +
 * base64(SHA-1(password + salt) + salt)}, here with an 8-byte random salt.
 */
public final class SshaPasswords {

    static final String PREFIX = "{SSHA}";
    private static final int SALT_BYTES = 8;
    private static final int SHA1_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SshaPasswords() {
    }

    /** The password hashed with a fresh random salt. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return hash(password, salt);
    }

    /** The password hashed with this salt. */
    public static String hash(String password, byte[] salt) {
        byte[] digest = sha1(password.getBytes(StandardCharsets.UTF_8), salt);
        byte[] out = Arrays.copyOf(digest, digest.length + salt.length);
        System.arraycopy(salt, 0, out, digest.length, salt.length);
        return PREFIX + Base64.getEncoder().encodeToString(out);
    }

    /** Whether {@code hashed} ({@code {SSHA}...}, any salt length) is the hash of {@code password}. */
    public static boolean verifies(String password, String hashed) {
        if (hashed == null || !hashed.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(hashed.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        if (raw.length <= SHA1_BYTES) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(raw, SHA1_BYTES, raw.length);
        byte[] digest = sha1(password.getBytes(StandardCharsets.UTF_8), salt);
        return MessageDigest.isEqual(digest, Arrays.copyOf(raw, SHA1_BYTES));
    }

    private static byte[] sha1(byte[] password, byte[] salt) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(password);
            md.update(salt);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JRE", e);
        }
    }
}
