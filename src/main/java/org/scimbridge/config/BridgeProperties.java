package org.scimbridge.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import java.util.Map;
import org.scimbridge.scim.patch.MembersReplacePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code scim-bridge:} in application.yaml. Each key can be overridden by environment, for
 * example {@code SCIM_BRIDGE_DIRECTORIES_DEMO_TOKEN} or {@code SCIM_BRIDGE_MAX_BODY_BYTES}.
 */
@Validated
@ConfigurationProperties(prefix = "scim-bridge")
public record BridgeProperties(
        @Min(1024) long maxBodyBytes,
        @Min(1) @Max(10_000) int defaultPageSize,
        @Min(1) @Max(10_000) int maxPageSize,
        @Valid @NotEmpty Map<String, DirectoryProperties> directories) {

    public BridgeProperties {
        if (maxBodyBytes == 0) {
            maxBodyBytes = 1024 * 1024;
        }
        if (defaultPageSize == 0) {
            defaultPageSize = 100;
        }
        if (maxPageSize == 0) {
            maxPageSize = 1000;
        }
        directories = directories == null ? Map.of() : Map.copyOf(directories);
    }

    /**
     * One tenant of the bridge, reached at {@code /scim/v2/{id}}.
     *
     * @param token         the bearer token in clear (convenient for the demo; prefer {@code tokenSha256})
     * @param tokenSha256   the hex SHA-256 of the bearer token
     * @param membersReplace how PATCH {@code replace members} is applied: {@code entra} (additive, what Entra's
     *                      one-member-per-request replace needs) or {@code rfc} (replace the whole set)
     * @param sinks         names of the sink targets this directory feeds
     */
    public record DirectoryProperties(
            String token,
            String tokenSha256,
            MembersReplacePolicy membersReplace,
            List<String> sinks) {

        public DirectoryProperties {
            membersReplace = membersReplace == null ? MembersReplacePolicy.ENTRA : membersReplace;
            sinks = sinks == null ? List.of() : List.copyOf(sinks);
        }
    }
}
