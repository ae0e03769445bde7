package org.scimbridge.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed SCIM filter (RFC 7644 §3.4.2.2). Backends translate it with a {@link FilterVisitor}. */
public sealed interface Filter {

    <R> R accept(FilterVisitor<R> visitor);

    record And(Filter left, Filter right) implements Filter {
        public <R> R accept(FilterVisitor<R> v) {
            return v.visitAnd(this);
        }
    }

    record Or(Filter left, Filter right) implements Filter {
        public <R> R accept(FilterVisitor<R> v) {
            return v.visitOr(this);
        }
    }

    record Not(Filter inner) implements Filter {
        public <R> R accept(FilterVisitor<R> v) {
            return v.visitNot(this);
        }
    }

    /** {@code path op value}; the value is a JSON string, number, boolean or null. */
    record Compare(AttributePath path, CompareOp op, JsonNode value) implements Filter {
        public <R> R accept(FilterVisitor<R> v) {
            return v.visitCompare(this);
        }
    }

    /** {@code path pr}. */
    record Present(AttributePath path) implements Filter {
        public <R> R accept(FilterVisitor<R> v) {
            return v.visitPresent(this);
        }
    }

    /**
     * {@code attribute[inner]}: some element of the multi-valued {@code attribute} matches {@code inner},
     * whose paths are relative to the element ({@code type}, {@code value}, ...).
     */
    record ValuePath(AttributePath attribute, Filter inner) implements Filter {
        public <R> R accept(FilterVisitor<R> v) {
            return v.visitValuePath(this);
        }
    }
}
