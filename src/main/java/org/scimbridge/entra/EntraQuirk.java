package org.scimbridge.entra;

/**
 * The ways Microsoft Entra ID provisioning departs from (or stretches) RFC 7644 in PATCH bodies, as catalogued in
 * {@code docs/entra/REPORT.md}. The normaliser reports which ones a request used, for logs and metrics.
 */
public enum EntraQuirk {

    /** {@code {"op":"Replace","path":"active","value":"False"}}: the op is capitalised (default mode). */
    CAPITALIZED_OP,

    /** {@code {"operations":[...]}}: the Operations key in another case. */
    OPERATIONS_KEY_CASE,

    /** {@code {"Op":"add","Path":"nickName","Value":"Babs"}}: operation member names in another case. */
    OPERATION_FIELD_CASE,

    /** {@code {"Operations":[...]}} with no {@code schemas}, or one without the PatchOp URN. */
    MISSING_PATCHOP_SCHEMA,

    /**
     * {@code {"op":"replace","value":{"displayName":"Bjfe","name.givenName":"Kkom"}}}: no path; the value's keys
     * are the paths (aadOptscim062020 consolidation).
     */
    PATHLESS_VALUE_MAP,

    /** {@code {"op":"add","value":{"name.givenName":"Foo"}}}: a key of a path-less map is a dotted path. */
    DOTTED_KEY_IN_MAP,

    /**
     * {@code {"op":"replace","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":
     * "Aklq"}}}: a key of a path-less map is a URN-qualified attribute.
     */
    URN_QUALIFIED_KEY,

    /**
     * {@code {"op":"replace","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
     * {"department":"Retail"}}}}: a key of a path-less map is a whole extension.
     */
    EXTENSION_OBJECT_IN_MAP,

    /** {@code {"op":"replace","value":{"id":"fa2c...","displayName":"New"}}}: read-only id inside the value map. */
    ID_IN_VALUE_MAP,

    /**
     * {@code {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
     * "value":"Retail"}}: an extension attribute addressed by URN + ':' + name.
     */
    URN_QUALIFIED_PATH,

    /** {@code {"op":"Add","path":"manager","value":[...]}}: an enterprise attribute without its URN. */
    BARE_EXTENSION_PATH,

    /** {@code {"op":"Add","path":"addresses[type eq \"other\"].Formatted","value":"x"}}: name in another case. */
    ATTRIBUTE_NAME_CASE,

    /** {@code {"op":"Replace","path":"active","value":"False"}}: a boolean sent as a string. */
    BOOLEAN_AS_STRING,

    /** {@code {"op":"Add","path":"urn:...:enterprise:2.0:User:manager","value":"271"}}: manager as a bare id. */
    MANAGER_AS_STRING,

    /** {@code {"op":"Add","path":"manager","value":[{"$ref":"...","value":"00aa..."}]}}: manager as an array. */
    MANAGER_AS_ARRAY,

    /** {@code {"op":"replace","path":"urn:...:enterprise:2.0:User:manager","value":""}}: "" clears. */
    EMPTY_STRING_CLEAR,

    /** {@code {"op":"replace","value":{"title":null}}}: null clears. */
    NULL_VALUE_CLEAR,

    /**
     * {@code {"op":"Add","path":"roles","value":[{"value":"{\"id\":\"06b0...\",\"value\":\"Admin\"}"}]}}: the role
     * is JSON inside the string.
     */
    ROLES_STRINGIFIED_VALUE,

    /**
     * {@code {"op":"Remove","path":"members","value":[{"value":"u1091"}]}}: remove one member by value (an
     * RFC-literal reading removes all).
     */
    MEMBER_REMOVE_BY_VALUE,

    /** {@code {"op":"remove","path":"members[value eq \"7f4b...\"]"}}: remove one member by filter (flag mode). */
    MEMBER_REMOVE_BY_FILTER,

    /** {@code {"op":"replace","path":"members","value":[{"value":"673"}]}}: carries only the added member. */
    MEMBERS_REPLACE,

    /**
     * {@code {"op":"Replace","path":"emails[type eq \"work\"].value","value":"x"}}: sent whether or not a work email
     * exists; the server upserts.
     */
    FILTERED_PATH_UPSERT
}
