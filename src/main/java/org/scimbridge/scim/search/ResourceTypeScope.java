package org.scimbridge.scim.search;

import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.AttributePath;
import org.scimbridge.scim.filter.CompareOp;
import org.scimbridge.scim.filter.Filter;
import org.scimbridge.scim.filter.FilterVisitor;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.scim.schema.SchemaRegistry;

/**
 * A filter of a search at the service provider's root (RFC 7644 §3.4.2.1, §3.4.3) as it applies to one resource
 * type. An attribute the type does not define is absent from every resource of that type, so a comparison on it
 * is false ({@code userName eq "x"} matches no group), {@code eq null} on it is true, and {@code not}, {@code and}
 * and {@code or} combine those as usual: {@code displayName eq "x" or userName eq "x"} is
 * {@code displayName eq "x"} for groups. Attributes named with a schema URN are left to the per-type search, which
 * matches nothing for a schema the type does not have.
 */
public final class ResourceTypeScope {

    /** False for every resource: {@code id} is never absent. */
    private static final Filter NONE = new Filter.Not(new Filter.Present(new AttributePath(null, "id", null)));

    private ResourceTypeScope() {
    }

    /** The filter for {@code kind}: null when it matches every resource of the type. */
    public static Filter restrict(Filter filter, ResourceKind kind) {
        if (filter == null) {
            return null;
        }
        Scoped scoped = scope(filter, kind);
        if (scoped.constant() == null) {
            return scoped.filter();
        }
        return scoped.constant() ? null : NONE;
    }

    /** Refuses, as the per-type searches do, a filter that names an attribute no resource type defines. */
    public static void requireKnownToSomeType(Filter filter) {
        if (filter != null) {
            filter.accept(new KnownToSomeType());
        }
    }

    /** True when the resource type has the attribute the path names (its top-level attribute). */
    public static boolean defines(ResourceKind kind, AttributePath path) {
        return path.schemaUrn() != null || SchemaRegistry.attribute(kind, path).isPresent();
    }

    private static void requireKnown(AttributePath path) {
        for (ResourceKind kind : ResourceKind.values()) {
            if (defines(kind, path)) {
                return;
            }
        }
        throw ScimException.invalidFilter("Unknown attribute " + path);
    }

    private static Scoped scope(Filter filter, ResourceKind kind) {
        return filter.accept(new Scope(kind));
    }

    private record Scope(ResourceKind kind) implements FilterVisitor<Scoped> {
        @Override
        public Scoped visitAnd(Filter.And and) {
            Scoped left = and.left().accept(this);
            Scoped right = and.right().accept(this);
            if (left.is(false) || right.is(false)) {
                return Scoped.FALSE;
            }
            return left.is(true) ? right : right.is(true) ? left
                    : Scoped.of(new Filter.And(left.filter(), right.filter()));
        }

        @Override
        public Scoped visitOr(Filter.Or or) {
            Scoped left = or.left().accept(this);
            Scoped right = or.right().accept(this);
            if (left.is(true) || right.is(true)) {
                return Scoped.TRUE;
            }
            return left.is(false) ? right : right.is(false) ? left
                    : Scoped.of(new Filter.Or(left.filter(), right.filter()));
        }

        @Override
        public Scoped visitNot(Filter.Not not) {
            Scoped inner = not.inner().accept(this);
            return inner.constant() == null ? Scoped.of(new Filter.Not(inner.filter()))
                    : inner.is(true) ? Scoped.FALSE : Scoped.TRUE;
        }

        @Override
        public Scoped visitCompare(Filter.Compare compare) {
            if (defines(kind, compare.path())) {
                return Scoped.of(compare);
            }
            return compare.value().isNull() && compare.op() == CompareOp.EQ ? Scoped.TRUE : Scoped.FALSE;
        }

        @Override
        public Scoped visitPresent(Filter.Present present) {
            return defines(kind, present.path()) ? Scoped.of(present) : Scoped.FALSE;
        }

        @Override
        public Scoped visitValuePath(Filter.ValuePath valuePath) {
            return defines(kind, valuePath.attribute()) ? Scoped.of(valuePath) : Scoped.FALSE;
        }
    }

    private static final class KnownToSomeType implements FilterVisitor<Void> {
        @Override
        public Void visitAnd(Filter.And and) {
            and.left().accept(this);
            return and.right().accept(this);
        }

        @Override
        public Void visitOr(Filter.Or or) {
            or.left().accept(this);
            return or.right().accept(this);
        }

        @Override
        public Void visitNot(Filter.Not not) {
            return not.inner().accept(this);
        }

        @Override
        public Void visitCompare(Filter.Compare compare) {
            requireKnown(compare.path());
            return null;
        }

        @Override
        public Void visitPresent(Filter.Present present) {
            requireKnown(present.path());
            return null;
        }

        @Override
        public Void visitValuePath(Filter.ValuePath valuePath) {
            requireKnown(valuePath.attribute());
            return null;
        }
    }

    /** A filter, or a constant when the type decides it ({@code constant} true or false, {@code filter} null). */
    private record Scoped(Filter filter, Boolean constant) {
        static final Scoped TRUE = new Scoped(null, true);
        static final Scoped FALSE = new Scoped(null, false);

        static Scoped of(Filter filter) {
            return new Scoped(filter, null);
        }

        boolean is(boolean value) {
            return constant != null && constant == value;
        }
    }
}
