package org.scimbridge.limits;

import io.github.resilience4j.bulkhead.Bulkhead;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scimbridge.security.BearerAuthentication;
import org.scimbridge.web.FilterOrder;
import org.scimbridge.web.ScimErrorResponses;
import org.scimbridge.web.WhenAsyncCompletes;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes a permit of the authenticated directory's bulkhead before its body is read and keeps it until the response
 * is complete (the route answers asynchronously, on the request executor). When the directory already has
 * {@code concurrent-requests-per-directory} requests in flight and none ends within {@code permit-wait}, or already
 * has {@code max-queued-requests-per-directory} waiting, the request is answered 429 with {@code Retry-After}, which
 * Entra honours: one directory's slow requests never take the threads another directory's requests need. Before
 * either, the optional rate limit of the directory ({@link DirectoryRateLimits}) answers 429 at once when exceeded.
 */
@Component
@Order(FilterOrder.DIRECTORY_BULKHEAD)
public class DirectoryBulkheadFilter extends OncePerRequestFilter {

    private final DirectoryBulkheads bulkheads;
    private final DirectoryRateLimits rateLimits;
    private final ScimErrorResponses errors;

    public DirectoryBulkheadFilter(DirectoryBulkheads bulkheads, DirectoryRateLimits rateLimits,
                                   ScimErrorResponses errors) {
        this.bulkheads = bulkheads;
        this.rateLimits = rateLimits;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String directoryId = BearerAuthentication.authenticatedDirectory(
                SecurityContextHolder.getContext().getAuthentication());
        if (directoryId == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!rateLimits.admit(directoryId)) {
            errors.write(response, 429, null, "Too many requests per second for directory " + directoryId);
            return;
        }
        Bulkhead admission = bulkheads.admission(directoryId);
        if (!admission.tryAcquirePermission()) {
            tooMany(response, directoryId);
            return;
        }
        Bulkhead execution = bulkheads.execution(directoryId);
        if (!execution.tryAcquirePermission()) {
            admission.onComplete();
            tooMany(response, directoryId);
            return;
        }
        Release release = new Release(execution, admission);
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(release);
            } else {
                release.run();
            }
        }
    }

    private void tooMany(HttpServletResponse response, String directoryId) throws IOException {
        errors.write(response, 429, null, "Too many concurrent requests for directory " + directoryId);
    }

    /** Gives the permits back once, when the response is complete (or timed out, or failed). */
    private static final class Release extends WhenAsyncCompletes {
        private final Bulkhead execution;
        private final Bulkhead admission;
        private final AtomicBoolean released = new AtomicBoolean();

        Release(Bulkhead execution, Bulkhead admission) {
            this.execution = execution;
            this.admission = admission;
        }

        @Override
        public void run() {
            if (released.compareAndSet(false, true)) {
                execution.onComplete();
                admission.onComplete();
            }
        }
    }
}
