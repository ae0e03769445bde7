package org.scimbridge.sink.ldap;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * uidNumbers of posixAccount users ({@code sink_ldap_posix_id}): allocated once per target and SCIM id from the
 * target's range, kept for good (rename, replay, disable, delete and re-create all find the same number) and never
 * given to another user.
 *
 * <p>Allocation takes the highest number of the target plus one (or the range start) and inserts it; the table's
 * unique constraints make a concurrent allocation by another bridge on the same database fail with a duplicate
 * key, and the loser reads again: either the user has a number now (the other bridge allocated it) or it tries the
 * next one. Each attempt is its own transaction, so a failed insert does not spoil a caller's transaction
 * (PostgreSQL aborts a transaction after an error).
 */
@Repository
public class PosixIds {

    static final String UID_NUMBER = "uidNumber";
    private static final int ATTEMPTS = 50;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public PosixIds(JdbcTemplate jdbc, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The uidNumber of a user, if one was allocated. */
    public Optional<Long> uidNumber(String sink, String directoryId, String resourceId) {
        return jdbc.query("SELECT posix_id FROM sink_ldap_posix_id"
                        + " WHERE sink = ? AND kind = ? AND directory_id = ? AND resource_id = ?",
                (rs, i) -> rs.getLong(1), sink, UID_NUMBER, directoryId, resourceId).stream().findFirst();
    }

    /** The user's uidNumber, allocated now from {@code start..end} if it has none. */
    public long allocateUidNumber(String sink, String directoryId, String resourceId, long start, long end) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Long> have = uidNumber(sink, directoryId, resourceId);
            if (have.isPresent()) {
                return have.get();
            }
            Long max = jdbc.queryForObject("SELECT MAX(posix_id) FROM sink_ldap_posix_id WHERE sink = ? AND kind = ?",
                    Long.class, sink, UID_NUMBER);
            long next = max == null ? start : Math.max(start, max + 1);
            if (next > end) {
                throw new LdapSinkException(LdapSinkException.Kind.INVALID_DATA, "no uidNumber left in "
                        + start + ".." + end + " of target " + sink + " (raise posix-account.uid-number-end)");
            }
            try {
                tx.executeWithoutResult(s -> jdbc.update("INSERT INTO sink_ldap_posix_id"
                                + " (sink, kind, directory_id, resource_id, posix_id, allocated) VALUES (?, ?, ?, ?, ?, ?)",
                        sink, UID_NUMBER, directoryId, resourceId, next, Timestamp.from(Instant.now())));
                return next;
            } catch (DuplicateKeyException taken) {
                // another bridge took this number, or allocated this user's number: read again
            }
        }
        throw new IllegalStateException("could not allocate a uidNumber for " + resourceId + " in target " + sink
                + " after " + ATTEMPTS + " attempts");
    }
}
