package org.scimbridge.store.query;

/**
 * What one list response may still hold, in estimated bytes (issue 8.4): a page takes its leading rows while
 * they fit and stops at the first that does not, so the page is cut short rather than the heap run out. The
 * first row of a response is always taken, whatever its size (a single resource is bounded by the body-size
 * limit when it is written). One budget is shared by the searches of one response: a root search's Groups get
 * what its Users left, and none once the Users' page was cut.
 */
public final class ResponseBudget {

    private long remaining;
    private boolean started;
    private boolean spent;

    private ResponseBudget(long bytes) {
        this.remaining = bytes;
    }

    public static ResponseBudget of(long bytes) {
        return new ResponseBudget(bytes);
    }

    /** No bound: the store's callers outside an HTTP response (benchmarks, tests of the statements). */
    public static ResponseBudget unbounded() {
        return new ResponseBudget(Long.MAX_VALUE);
    }

    /** Takes a row of this many bytes if it fits (the first row always does); once one did not, none does. */
    public boolean take(long bytes) {
        if (spent) {
            return false;
        }
        if (started && bytes > remaining) {
            spent = true;
            return false;
        }
        started = true;
        remaining -= Math.min(remaining, bytes);
        return true;
    }

    /** Whether a row was refused: the response was cut short. */
    public boolean spent() {
        return spent;
    }
}
