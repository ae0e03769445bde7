package org.scimbridge.sink.ldap;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code scim-bridge.reconcile.*}.
 *
 * @param pageSize      entries per page of the paged (RFC 2696) LDAP reads, and resources per page of the store
 *                      read (500)
 * @param progressEvery a {@code # progress: N entries read} line this often (1000)
 */
@Validated
@ConfigurationProperties(prefix = "scim-bridge.reconcile")
public record ReconcileProperties(@Min(1) Integer pageSize, @Min(1) Integer progressEvery) {

    public ReconcileProperties {
        pageSize = pageSize == null ? 500 : pageSize;
        progressEvery = progressEvery == null ? 1000 : progressEvery;
    }
}
