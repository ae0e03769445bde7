package org.scimbridge.limits;

/**
 * The deadline of the request the current thread is working for, so that every statement it runs ends by then
 * ({@link StatementTimeoutDataSource}). Set at the start of a SCIM exchange, cleared when it completes; threads
 * that work for no request (sink pollers) have none and get the plain statement timeout.
 */
public final class RequestBudget {

    private static final ThreadLocal<Long> DEADLINE_NANOS = new ThreadLocal<>();

    private RequestBudget() {
    }

    public static void begin(long budgetMillis) {
        DEADLINE_NANOS.set(System.nanoTime() + budgetMillis * 1_000_000L);
    }

    public static void end() {
        DEADLINE_NANOS.remove();
    }

    /** Milliseconds left of the current request's budget (may be 0 or less), or {@code Long.MAX_VALUE} if none. */
    public static long remainingMillis() {
        Long deadline = DEADLINE_NANOS.get();
        return deadline == null ? Long.MAX_VALUE : (deadline - System.nanoTime()) / 1_000_000L;
    }
}
