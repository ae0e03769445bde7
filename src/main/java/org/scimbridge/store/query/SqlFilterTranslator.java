package org.scimbridge.store.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.AttributePath;
import org.scimbridge.scim.filter.CompareOp;
import org.scimbridge.scim.filter.Filter;
import org.scimbridge.scim.filter.FilterVisitor;
import org.scimbridge.scim.schema.AttributeDefinition;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.scim.schema.SchemaRegistry;
import org.scimbridge.scim.schema.ScimSchemas;

/**
 * Translates a filter into a SQL condition over {@code scim_resource r}, with every value bound as a named
 * parameter ({@code :p0}, Spring's named-parameter syntax). Attributes Entra matches on are columns with indexes; every
 * other attribute is an EXISTS over {@code scim_attribute_value}, so no filter is ever evaluated in memory.
 */
public final class SqlFilterTranslator implements FilterVisitor<String> {

    private final ResourceKind kind;
    private final SqlParameters params;
    /** Bound once: an index-driven match ({@code r.id IN (SELECT ...)}) names the directory, not r's row. */
    private final String directoryParam;
    private int aliases;

    /** The element alias of the enclosing value path, when translating inside {@code attr[...]}. */
    private String elementAlias;
    private String elementPath;
    private boolean elementIsMembers;
    private boolean elementIsUserGroups;

    /** A user's groups (User.groups, read-only): its rows in the member table, joined to the group. */
    private static final String USER_GROUPS = "EXISTS (SELECT 1 FROM scim_group_member gm JOIN scim_resource g"
            + " ON g.directory_id = gm.directory_id AND g.id = gm.group_id"
            + " WHERE gm.directory_id = r.directory_id AND gm.member_id = r.id";

    public SqlFilterTranslator(String directoryId, ResourceKind kind, SqlParameters params) {
        this.kind = kind;
        this.params = params;
        this.directoryParam = params.add(directoryId);
    }

    public String translate(Filter filter) {
        return filter.accept(this);
    }

    @Override
    public String visitAnd(Filter.And and) {
        return "(" + and.left().accept(this) + " AND " + and.right().accept(this) + ")";
    }

    @Override
    public String visitOr(Filter.Or or) {
        return "(" + or.left().accept(this) + " OR " + or.right().accept(this) + ")";
    }

    @Override
    public String visitNot(Filter.Not not) {
        return "(NOT " + not.inner().accept(this) + ")";
    }

    @Override
    public String visitPresent(Filter.Present present) {
        if (elementAlias != null) {
            return elementCondition(present.path(), null, null);
        }
        AttributePath path = present.path();
        Optional<String> column = Column.of(kind, path).map(Column::sql);
        if (column.isPresent()) {
            return "(" + column.get() + " IS NOT NULL)";
        }
        if (isMembers(path)) {
            return "EXISTS (SELECT 1 FROM scim_group_member m WHERE m.directory_id = r.directory_id"
                    + " AND m.group_id = r.id)";
        }
        if (isUserGroups(path)) {
            return USER_GROUPS + ")";
        }
        String key = key(path);
        if (!path.hasSubAttribute()) {
            String a = alias();
            return "EXISTS (SELECT 1 FROM scim_attribute_value " + a + " WHERE " + a
                    + ".directory_id = r.directory_id AND " + a + ".resource_id = r.id AND (" + a + ".path = "
                    + params.add(key) + " OR " + a + ".path LIKE " + params.add(likePrefix(key + ".")) + " ESCAPE '\\'))";
        }
        return attributeExists(key, null, null, false);
    }

    @Override
    public String visitCompare(Filter.Compare compare) {
        if (elementAlias != null) {
            return elementCondition(compare.path(), compare.op(), compare.value());
        }
        AttributePath path = compare.path();
        if (compare.value().isNull()) {
            if (compare.op() == CompareOp.EQ) {
                return "(NOT " + visitPresent(new Filter.Present(path)) + ")";
            }
            if (compare.op() == CompareOp.NE) {
                return visitPresent(new Filter.Present(path));
            }
            throw ScimException.invalidFilter("Only eq and ne compare with null");
        }
        if (isMembers(path)) {
            return membersCondition("value", compare.op(), compare.value());
        }
        if (isUserGroups(path)) {
            return USER_GROUPS + " AND " + userGroupsCondition(
                    path.hasSubAttribute() ? path.subAttribute() : "value", compare.op(), compare.value()) + ")";
        }
        Optional<Column> column = Column.of(kind, path);
        if (column.isPresent()) {
            return column.get().condition(compare.op(), compare.value(), params);
        }
        AttributePath implicit = implicitValue(path);
        AttributeDefinition leaf = definition(implicit);
        return attributeExists(key(implicit), compare.op(), compare.value(), leaf != null && leaf.caseExact());
    }

    @Override
    public String visitValuePath(Filter.ValuePath valuePath) {
        if (elementAlias != null) {
            throw ScimException.invalidFilter("Value filters cannot nest");
        }
        AttributePath attribute = valuePath.attribute();
        if (isMembers(attribute)) {
            elementIsMembers = true;
            try {
                elementAlias = "m";
                return "EXISTS (SELECT 1 FROM scim_group_member m WHERE m.directory_id = r.directory_id"
                        + " AND m.group_id = r.id AND " + valuePath.inner().accept(this) + ")";
            } finally {
                elementAlias = null;
                elementIsMembers = false;
            }
        }
        if (isUserGroups(attribute)) {
            elementIsUserGroups = true;
            try {
                elementAlias = "g";
                return USER_GROUPS + " AND " + valuePath.inner().accept(this) + ")";
            } finally {
                elementAlias = null;
                elementIsUserGroups = false;
            }
        }
        if (Column.of(kind, attribute).isPresent()) {
            throw ScimException.invalidFilter(attribute + " is not multi-valued");
        }
        String e = alias();
        String prefix = key(attribute);
        Optional<Filter.Compare> driver = equalityConjunct(valuePath.inner());
        elementAlias = e;
        elementPath = prefix;
        try {
            if (driver.isPresent()) {
                // Entra's emails[type eq "work"].value eq "x": start from the element whose value matches (an
                // index seek on path and value), then check the rest of the element by its own index rows, so
                // neither the directory nor a user's other elements are read.
                Filter.Compare eq = driver.get();
                AttributeDefinition def = definition(elementAttributePath(eq.path()));
                return "r.id IN (SELECT " + e + ".resource_id FROM scim_attribute_value " + e + " WHERE "
                        + indexedValue(e, prefix + "." + eq.path().attribute().toLowerCase(Locale.ROOT),
                                eq.value(), def != null && def.caseExact())
                        + " AND " + valuePath.inner().accept(this) + ")";
            }
            return "EXISTS (SELECT 1 FROM scim_attribute_value " + e + " WHERE " + e
                    + ".directory_id = r.directory_id AND " + e + ".resource_id = r.id AND " + e + ".path LIKE "
                    + params.add(likePrefix(prefix + ".")) + " ESCAPE '\\' AND " + valuePath.inner().accept(this) + ")";
        } finally {
            elementAlias = null;
            elementPath = null;
        }
    }

    /** A condition on a sub-attribute of the element {@code elementAlias} of a value path. */
    private String elementCondition(AttributePath sub, CompareOp op, JsonNode value) {
        if (sub.schemaUrn() != null || sub.hasSubAttribute()) {
            throw ScimException.invalidFilter("Inside a value filter name a sub-attribute only, not " + sub);
        }
        if (elementIsUserGroups) {
            return op == null ? "(1 = 1)" : userGroupsCondition(sub.attribute(), op, value);
        }
        if (elementIsMembers) {
            String subName = sub.attribute().toLowerCase(Locale.ROOT);
            if (op == null) {
                return subName.equals("value") || subName.equals("type") ? "(1 = 1)" : "(1 = 0)";
            }
            return membersCondition(subName, op, value);
        }
        String path = elementPath + "." + sub.attribute().toLowerCase(Locale.ROOT);
        String a = alias();
        StringBuilder sql = new StringBuilder("EXISTS (SELECT 1 FROM scim_attribute_value ").append(a)
                .append(" WHERE ").append(a).append(".directory_id = ").append(elementAlias).append(".directory_id AND ")
                .append(a).append(".resource_id = ").append(elementAlias).append(".resource_id AND ").append(a)
                .append(".path = ").append(params.add(path)).append(" AND ").append(a).append(".elem = ")
                .append(elementAlias).append(".elem");
        if (op != null) {
            AttributeDefinition def = definition(elementAttributePath(sub));
            sql.append(" AND ").append(valueCondition(a, op, value, def != null && def.caseExact()));
        }
        return sql.append(")").toString();
    }

    private AttributePath elementAttributePath(AttributePath sub) {
        int colon = elementPath.lastIndexOf(':');
        String attr = colon < 0 ? elementPath : elementPath.substring(colon + 1);
        String schema = colon < 0 ? null : elementPath.substring(0, colon);
        return new AttributePath(schema, attr, sub.attribute());
    }

    private String membersCondition(String subName, CompareOp op, JsonNode value) {
        String column = switch (subName) {
            case "value" -> "m.member_id";
            case "type" -> "m.member_type";
            default -> throw ScimException.invalidFilter("Members can be filtered by value and type only");
        };
        if (op != CompareOp.EQ && op != CompareOp.NE) {
            throw ScimException.invalidFilter("Members can be compared with eq and ne only");
        }
        String text = value.asText();
        if (!elementIsMembers) {
            return "EXISTS (SELECT 1 FROM scim_group_member m WHERE m.directory_id = r.directory_id"
                    + " AND m.group_id = r.id AND " + column + (op == CompareOp.EQ ? " = " : " <> ")
                    + params.add(text) + ")";
        }
        if (subName.equals("type")) {
            return "(LOWER(" + column + ")" + (op == CompareOp.EQ ? " = " : " <> ")
                    + params.add(text.toLowerCase(Locale.ROOT)) + ")";
        }
        return "(" + column + (op == CompareOp.EQ ? " = " : " <> ") + params.add(text) + ")";
    }

    private String userGroupsCondition(String subName, CompareOp op, JsonNode value) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        return switch (subName.toLowerCase(Locale.ROOT)) {
            case "value" -> "(" + compare("g.id", op, text, params) + ")";
            case "display" -> "(" + compare("g.display_name_lc", op, text.toLowerCase(Locale.ROOT), params) + ")";
            case "type" -> "(" + compare("'direct'", op, text.toLowerCase(Locale.ROOT), params) + ")";
            default -> throw ScimException.invalidFilter("groups can be filtered by value, display and type only");
        };
    }

    private boolean isUserGroups(AttributePath path) {
        return kind == ResourceKind.USER && path.schemaUrn() == null && path.attribute().equalsIgnoreCase("groups");
    }

    /**
     * The eq comparison of a value filter's top-level AND to seek by: {@code value} if it is one (it is what
     * tells elements apart; {@code type eq "work"} matches nearly every element of the directory), else any.
     */
    private static Optional<Filter.Compare> equalityConjunct(Filter inner) {
        List<Filter.Compare> eqs = new ArrayList<>();
        equalityConjuncts(inner, eqs);
        return eqs.stream().filter(c -> c.path().attribute().equalsIgnoreCase("value")).findFirst()
                .or(() -> eqs.stream().findFirst());
    }

    private static void equalityConjuncts(Filter inner, List<Filter.Compare> eqs) {
        if (inner instanceof Filter.And and) {
            equalityConjuncts(and.left(), eqs);
            equalityConjuncts(and.right(), eqs);
        } else if (inner instanceof Filter.Compare c && c.op() == CompareOp.EQ && !c.value().isNull()
                && c.path().schemaUrn() == null && !c.path().hasSubAttribute()) {
            eqs.add(c);
        }
    }

    /** An index seek on (directory_id, path, attr_value_lc); a caseExact value also compares exactly. */
    private String indexedValue(String a, String path, JsonNode value, boolean caseExact) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        String sql = a + ".directory_id = " + directoryParam + " AND " + a + ".path = " + params.add(path) + " AND "
                + a + ".attr_value_lc = " + params.add(text.toLowerCase(Locale.ROOT));
        return caseExact ? sql + " AND " + a + ".attr_value = " + params.add(text) : sql;
    }

    private String attributeExists(String path, CompareOp op, JsonNode value, boolean caseExact) {
        String a = alias();
        if (op == CompareOp.EQ) {
            return "r.id IN (SELECT " + a + ".resource_id FROM scim_attribute_value " + a + " WHERE "
                    + indexedValue(a, path, value, caseExact) + ")";
        }
        StringBuilder sql = new StringBuilder("EXISTS (SELECT 1 FROM scim_attribute_value ").append(a)
                .append(" WHERE ").append(a).append(".directory_id = r.directory_id AND ").append(a)
                .append(".resource_id = r.id AND ").append(a).append(".path = ").append(params.add(path));
        if (op != null) {
            sql.append(" AND ").append(valueCondition(a, op, value, caseExact));
        }
        return sql.append(")").toString();
    }

    private String valueCondition(String alias, CompareOp op, JsonNode value, boolean caseExact) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        String column = alias + (caseExact ? ".attr_value" : ".attr_value_lc");
        String v = caseExact ? text : text.toLowerCase(Locale.ROOT);
        return compare(column, op, v, params);
    }

    static String compare(String column, CompareOp op, Object v, SqlParameters params) {
        return switch (op) {
            case EQ -> column + " = " + params.add(v);
            case NE -> column + " <> " + params.add(v);
            case GT -> column + " > " + params.add(v);
            case GE -> column + " >= " + params.add(v);
            case LT -> column + " < " + params.add(v);
            case LE -> column + " <= " + params.add(v);
            case CO -> column + " LIKE " + params.add("%" + escapeLike(v.toString()) + "%") + " ESCAPE '\\'";
            case SW -> column + " LIKE " + params.add(escapeLike(v.toString()) + "%") + " ESCAPE '\\'";
            case EW -> column + " LIKE " + params.add("%" + escapeLike(v.toString())) + " ESCAPE '\\'";
        };
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String likePrefix(String prefix) {
        return escapeLike(prefix) + "%";
    }

    private boolean isMembers(AttributePath path) {
        return kind == ResourceKind.GROUP && path.schemaUrn() == null
                && path.attribute().equalsIgnoreCase("members");
    }

    /** {@code emails eq "x"} and {@code manager eq "id"} compare the element's {@code value}. */
    private AttributePath implicitValue(AttributePath path) {
        if (path.hasSubAttribute()) {
            return path;
        }
        AttributeDefinition def = SchemaRegistry.attribute(kind, path).orElse(null);
        return def != null && def.isComplex() ? path.withSubAttribute("value") : path;
    }

    private AttributeDefinition definition(AttributePath path) {
        return SchemaRegistry.leaf(kind, path).orElse(null);
    }

    /** The {@code scim_attribute_value.path} of an attribute path, resolving bare enterprise names. */
    private String key(AttributePath path) {
        String schema = path.schemaUrn();
        if (schema == null && SchemaRegistry.isEnterpriseOnly(kind, path)) {
            schema = ScimSchemas.ENTERPRISE_USER;
        }
        if (schema == null) {
            if (SchemaRegistry.attribute(kind, path).isEmpty()) {
                throw ScimException.invalidFilter("Unknown attribute " + path);
            }
            return path.key();
        }
        return schema.toLowerCase(Locale.ROOT) + ":" + path.key();
    }

    private String alias() {
        return "a" + (aliases++);
    }

    /** The attributes that are columns of scim_resource. */
    enum Column {
        ID("r.id", true, false), USER_NAME("r.user_name_lc", false, false), EXTERNAL_ID("r.external_id", true, false),
        DISPLAY_NAME("r.display_name_lc", false, false), ACTIVE("r.active", false, false),
        CREATED("r.created", false, true), LAST_MODIFIED("r.last_modified", false, true),
        RESOURCE_TYPE("r.resource_type", true, false);

        private final String sql;
        private final boolean caseExact;
        private final boolean timestamp;

        Column(String sql, boolean caseExact, boolean timestamp) {
            this.sql = sql;
            this.caseExact = caseExact;
            this.timestamp = timestamp;
        }

        String sql() {
            return sql;
        }

        private static final Map<String, Column> BY_KEY = Map.of(
                "id", ID, "externalid", EXTERNAL_ID, "displayname", DISPLAY_NAME,
                "meta.created", CREATED, "meta.lastmodified", LAST_MODIFIED, "meta.resourcetype", RESOURCE_TYPE);

        static Optional<Column> of(ResourceKind kind, AttributePath path) {
            if (path.schemaUrn() != null) {
                return Optional.empty();
            }
            String key = path.key();
            if (kind == ResourceKind.USER && key.equals("username")) {
                return Optional.of(USER_NAME);
            }
            if (kind == ResourceKind.USER && key.equals("active")) {
                return Optional.of(ACTIVE);
            }
            return Optional.ofNullable(BY_KEY.get(key));
        }

        String condition(CompareOp op, JsonNode value, SqlParameters params) {
            if (this == ACTIVE) {
                if (!value.isBoolean() && !(value.isTextual() && value.asText().matches("(?i)true|false"))) {
                    throw ScimException.invalidFilter("active compares with true or false");
                }
                if (op != CompareOp.EQ && op != CompareOp.NE) {
                    throw ScimException.invalidFilter("active compares with eq or ne only");
                }
                return "(" + sql + (op == CompareOp.EQ ? " = " : " <> ")
                        + params.add(Boolean.parseBoolean(value.asText())) + ")";
            }
            if (timestamp) {
                if (op == CompareOp.CO || op == CompareOp.SW || op == CompareOp.EW) {
                    throw ScimException.invalidFilter("Dates compare with eq, ne, gt, ge, lt and le");
                }
                try {
                    return "(" + compare(sql, op, OffsetDateTime.parse(value.asText()), params) + ")";
                } catch (DateTimeParseException e) {
                    throw ScimException.invalidFilter("Not an RFC 3339 date-time: " + value.asText());
                }
            }
            String text = value.isTextual() ? value.textValue() : value.toString();
            if (this == RESOURCE_TYPE) {
                String type = text.equalsIgnoreCase("user") ? "User" : text.equalsIgnoreCase("group") ? "Group" : text;
                return "(" + compare(sql, op, type, params) + ")";
            }
            return "(" + compare(sql, op, caseExact ? text : text.toLowerCase(Locale.ROOT), params) + ")";
        }
    }
}
