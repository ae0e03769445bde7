package org.scimbridge.scim.patch;

/** The three PATCH operations of RFC 7644 §3.5.2. */
public enum PatchOpType {
    ADD, REPLACE, REMOVE
}
