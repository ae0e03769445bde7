package org.scimbridge.limits;

import java.util.concurrent.Semaphore;

/**
 * Memory-aware admission (issue 8.4): the request bodies being served at once may sum to at most a budget of bytes.
 * A 1 MB user allocates about 50 MB while it is parsed, stored, fed and answered, of which several copies of the
 * body are alive at once, so bodies that pass the size limit one by one can still exhaust the heap together; past
 * the budget a request is answered 503 with {@code Retry-After} before its body is read. One permit is one byte;
 * a body of unknown length (chunked) takes its bytes as they arrive.
 */
public final class InFlightBodies {

    /** The automatic budget: this fraction of the maximum heap. */
    static final int HEAP_FRACTION = 16;

    private final Semaphore bytes;
    private final int budget;

    public InFlightBodies(long budgetBytes) {
        this.budget = (int) Math.min(Integer.MAX_VALUE, Math.max(1, budgetBytes));
        this.bytes = new Semaphore(budget);
    }

    /**
     * The budget for {@code configured} bytes (0: a sixteenth of {@code maxHeap}), never less than one body of
     * {@code maxBodyBytes}, so a single request of the largest allowed size is always admitted when alone.
     */
    public static long budget(long configured, long maxHeap, long maxBodyBytes) {
        long wanted = configured > 0 ? configured : maxHeap / HEAP_FRACTION;
        return Math.max(wanted, maxBodyBytes);
    }

    /** Takes {@code n} bytes of the budget if they are free now; never waits. */
    public boolean tryTake(long n) {
        return n <= 0 || n <= budget && bytes.tryAcquire((int) n);
    }

    public void giveBack(long n) {
        if (n > 0) {
            bytes.release((int) n);
        }
    }

    public int budget() {
        return budget;
    }

    public int available() {
        return bytes.availablePermits();
    }
}
