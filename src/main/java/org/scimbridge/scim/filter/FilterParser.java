package org.scimbridge.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;
import org.scimbridge.scim.error.ScimException;

/**
 * Recursive-descent parser for RFC 7644 §3.4.2.2 filters and §3.5.2 PATCH paths.
 *
 * <p>Precedence: {@code not} binds tighter than {@code and}, which binds tighter than {@code or}. Beyond the RFC it
 * accepts what Entra sends: {@code emails[type eq "work"].value eq "x"} (read as
 * {@code emails[type eq "work" and value eq "x"]}), operators and keywords in any case, and unquoted values
 * ({@code externalId eq jyoung}). Every failure is a {@link ScimException} with {@code invalidFilter}
 * (or {@code invalidPath} for PATCH paths).
 */
public final class FilterParser {

    /** Longest filter accepted, in characters. */
    public static final int MAX_LENGTH = 4096;
    /** Deepest nesting of parentheses, {@code not} and value paths accepted. */
    public static final int MAX_DEPTH = 32;

    private static final Pattern ATTR_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");
    private static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:user";
    private static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:group";

    private final String text;
    private final boolean patchPath;
    private int pos;
    private int depth;

    private FilterParser(String text, boolean patchPath) {
        this.text = text;
        this.patchPath = patchPath;
    }

    public static Filter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw ScimException.invalidFilter("The filter is empty");
        }
        if (filter.length() > MAX_LENGTH) {
            throw ScimException.invalidFilter("The filter is longer than " + MAX_LENGTH + " characters");
        }
        if (filter.indexOf('\0') >= 0) {
            // PostgreSQL cannot compare text with a NUL in it; refused on every store alike
            throw ScimException.invalidFilter("The filter contains a NUL character (\\u0000)");
        }
        FilterParser p = new FilterParser(filter, false);
        Filter f = p.parseOr();
        p.skipSpaces();
        if (!p.atEnd()) {
            throw p.error("Unexpected '" + p.rest() + "'");
        }
        return f;
    }

    /** Parses a PATCH {@code path}: {@code attrPath} or {@code attr[filter]} with an optional {@code .subAttr}. */
    public static PatchPath parsePatchPath(String path) {
        if (path == null || path.isBlank()) {
            throw ScimException.invalidPath("The path is empty");
        }
        if (path.length() > MAX_LENGTH) {
            throw ScimException.invalidPath("The path is longer than " + MAX_LENGTH + " characters");
        }
        FilterParser p = new FilterParser(path.strip(), true);
        AttributePath attribute = p.readAttributePath();
        if (p.atEnd()) {
            return PatchPath.of(attribute);
        }
        if (p.peek() != '[' || attribute.hasSubAttribute() || attribute.attribute() == null) {
            throw p.error("Unexpected '" + p.rest() + "'");
        }
        p.pos++;
        p.depth++;
        Filter inner = p.parseOr();
        p.skipSpaces();
        p.expect(']');
        String sub = null;
        if (!p.atEnd()) {
            p.expect('.');
            sub = p.readName();
        }
        if (!p.atEnd()) {
            throw p.error("Unexpected '" + p.rest() + "'");
        }
        return new PatchPath(attribute, inner, sub);
    }

    /** Parses a bare attribute path such as {@code name.givenName} or {@code urn:...:User:manager}. */
    public static AttributePath parseAttributePath(String path) {
        if (path == null || path.isBlank()) {
            throw ScimException.invalidPath("The attribute path is empty");
        }
        FilterParser p = new FilterParser(path.strip(), true);
        AttributePath a = p.readAttributePath();
        if (!p.atEnd()) {
            throw p.error("Unexpected '" + p.rest() + "'");
        }
        return a;
    }

    private Filter parseOr() {
        Filter left = parseAnd();
        while (nextKeyword("or")) {
            left = new Filter.Or(left, parseAnd());
        }
        return left;
    }

    private Filter parseAnd() {
        Filter left = parseUnary();
        while (nextKeyword("and")) {
            left = new Filter.And(left, parseUnary());
        }
        return left;
    }

    private Filter parseUnary() {
        skipSpaces();
        if (atEnd()) {
            throw error("The filter ends where an expression was expected");
        }
        if (peekKeyword("not")) {
            int save = pos;
            pos += 3;
            skipSpaces();
            if (!atEnd() && peek() == '(') {
                return new Filter.Not(parseGroup());
            }
            pos = save;
        }
        if (peek() == '(') {
            return parseGroup();
        }
        return parseAttributeExpression();
    }

    private Filter parseGroup() {
        expect('(');
        enter();
        Filter inner = parseOr();
        skipSpaces();
        expect(')');
        depth--;
        return inner;
    }

    private Filter parseAttributeExpression() {
        AttributePath path = readAttributePath();
        if (path.attribute() == null) {
            throw error("A filter must name an attribute, not only the schema " + path.schemaUrn());
        }
        if (!atEnd() && peek() == '[') {
            if (path.hasSubAttribute()) {
                throw error("A value filter applies to a multi-valued attribute, not to " + path);
            }
            pos++;
            enter();
            Filter inner = parseOr();
            skipSpaces();
            expect(']');
            depth--;
            if (!atEnd() && peek() == '.') {
                // Entra: emails[type eq "work"].value eq "x" (not RFC ABNF, required by Microsoft)
                pos++;
                AttributePath sub = AttributePath.of(readName());
                return new Filter.ValuePath(path, new Filter.And(inner, parseOperator(sub)));
            }
            return new Filter.ValuePath(path, inner);
        }
        return parseOperator(path);
    }

    private Filter parseOperator(AttributePath path) {
        String opWord = readWord();
        if (opWord.isEmpty()) {
            throw error("An operator is missing after " + path);
        }
        if (opWord.equalsIgnoreCase("pr")) {
            return new Filter.Present(path);
        }
        CompareOp op = CompareOp.parse(opWord);
        if (op == null) {
            throw error("Unknown operator '" + opWord + "'");
        }
        return new Filter.Compare(path, op, readValue());
    }

    private JsonNode readValue() {
        skipSpaces();
        if (atEnd()) {
            throw error("A comparison value is missing");
        }
        if (peek() == '"') {
            return TextNode.valueOf(readQuoted());
        }
        String word = readWord();
        if (word.isEmpty()) {
            throw error("A comparison value is missing");
        }
        switch (word.toLowerCase(Locale.ROOT)) {
            case "true":
                return BooleanNode.TRUE;
            case "false":
                return BooleanNode.FALSE;
            case "null":
                return NullNode.instance;
            default:
                break;
        }
        if (word.matches("-?\\d+")) {
            try {
                return LongNode.valueOf(Long.parseLong(word));
            } catch (NumberFormatException e) {
                return DecimalNode.valueOf(new BigDecimal(word));
            }
        }
        if (word.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return DecimalNode.valueOf(new BigDecimal(word));
        }
        return TextNode.valueOf(word); // lenient: Microsoft's docs show externalId eq jyoung
    }

    private String readQuoted() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("Bad \\u escape");
                        }
                        String hex = text.substring(pos, pos + 4);
                        if (!hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                            throw error("Bad \\u escape"); // parseInt alone would take a sign: \\u+000, \\u-001
                        }
                        char escaped = (char) Integer.parseInt(hex, 16);
                        if (escaped == '\0') {
                            // the escaped form of the NUL the whole-filter check above refuses
                            throw ScimException.invalidFilter("The filter contains a NUL character (\\u0000)");
                        }
                        b.append(escaped);
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        throw error("A string is not closed");
    }

    /** Reads {@code [urn:...:]name[.sub]} up to a space, bracket or parenthesis. */
    private AttributePath readAttributePath() {
        skipSpaces();
        int start = pos;
        while (!atEnd() && !isDelimiter(peek())) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.isEmpty()) {
            throw error("An attribute name is missing");
        }
        String schema = null;
        String rest = word;
        if (word.regionMatches(true, 0, "urn:", 0, 4)) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.equals(CORE_USER) || lower.equals(CORE_GROUP)) {
                return new AttributePath(word, null, null);
            }
            int colon = word.lastIndexOf(':');
            schema = word.substring(0, colon);
            rest = word.substring(colon + 1);
            String lastSchemaSegment = schema.substring(schema.lastIndexOf(':') + 1);
            String[] segments = schema.split(":", -1);
            if (segments.length < 3 || java.util.Arrays.asList(segments).contains("")) {
                throw error("'" + word + "' is not a URN (urn:<namespace>:<name>)");
            }
            if (rest.isEmpty()) {
                return new AttributePath(schema, null, null); // a trailing ':' is not part of the schema URN
            }
            if (VERSION.matcher(lastSchemaSegment).matches() && !rest.contains(".")
                    && (rest.equalsIgnoreCase("User") || rest.equalsIgnoreCase("Group"))) {
                return new AttributePath(word, null, null); // the whole extension, e.g. urn:...:2.0:User
            }
            String schemaLower = schema.toLowerCase(Locale.ROOT);
            if (schemaLower.equals(CORE_USER) || schemaLower.equals(CORE_GROUP)) {
                schema = null;
            }
        }
        int dot = rest.indexOf('.');
        String name = dot < 0 ? rest : rest.substring(0, dot);
        String sub = dot < 0 ? null : rest.substring(dot + 1);
        if (!ATTR_NAME.matcher(name).matches() || (sub != null && !ATTR_NAME.matcher(sub).matches())) {
            throw error("'" + word + "' is not an attribute path");
        }
        return new AttributePath(schema, name, sub);
    }

    private String readName() {
        int start = pos;
        while (!atEnd() && !isDelimiter(peek()) && peek() != '.') {
            pos++;
        }
        String name = text.substring(start, pos);
        if (!ATTR_NAME.matcher(name).matches()) {
            throw error("'" + name + "' is not a sub-attribute name");
        }
        return name;
    }

    private String readWord() {
        skipSpaces();
        int start = pos;
        while (!atEnd() && !isDelimiter(peek())) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean nextKeyword(String keyword) {
        int save = pos;
        skipSpaces();
        if (pos > save && peekKeyword(keyword)) {
            int after = pos + keyword.length();
            if (after < text.length() && Character.isWhitespace(text.charAt(after))) {
                pos = after;
                return true;
            }
        }
        pos = save;
        return false;
    }

    private boolean peekKeyword(String keyword) {
        return text.regionMatches(true, pos, keyword, 0, keyword.length())
                && (pos + keyword.length() == text.length() || isDelimiter(text.charAt(pos + keyword.length())));
    }

    private static boolean isDelimiter(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '"';
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("The filter nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char c) {
        if (atEnd() || peek() != c) {
            throw error("Expected '" + c + "'" + (atEnd() ? " at the end" : " before '" + rest() + "'"));
        }
        pos++;
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private String rest() {
        String r = text.substring(Math.min(pos, text.length()));
        return r.length() > 40 ? r.substring(0, 40) + "..." : r;
    }

    private ScimException error(String detail) {
        String message = detail + " (at character " + (pos + 1) + ")";
        return patchPath ? ScimException.invalidPath(message) : ScimException.invalidFilter(message);
    }
}
