package org.scimbridge.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.limits.InFlightBodies;
import org.scimbridge.limits.RequestLimits;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request body here, on the servlet thread, after the bearer token was checked and the directory's
 * permit taken, so that the routes never wait on a client's network. Bounded three ways: more than
 * {@code scim-bridge.max-body-bytes} is a 413 (a declared Content-Length at once, a chunked body as soon as it
 * passes the limit); a body not complete within {@code scim-bridge.limits.body-read-timeout}, or arriving slower
 * than {@code min-body-bytes-per-second} after its first second, is cut off with 408 and the connection closed.
 * A client that stops sending altogether is cut off by the connector's read timeout
 * ({@code server.tomcat.connection-timeout}). A body that is not well-formed UTF-8 is 400 invalidSyntax.
 * The bodies being served at once share a budget of bytes ({@link InFlightBodies}): a request that would pass it
 * is 503 with {@code Retry-After}, and its bytes are given back when its response is complete.
 */
@Component
@Order(FilterOrder.REQUEST_BODY)
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long limit;
    private final long timeoutNanos;
    private final long minBytesPerSecond;
    private final ScimErrorResponses errors;
    private final InFlightBodies inFlight;

    public RequestBodyLimitFilter(BridgeProperties properties, RequestLimits limits, ScimErrorResponses errors,
            InFlightBodies inFlight) {
        this.inFlight = inFlight;
        this.limit = properties.maxBodyBytes();
        this.timeoutNanos = limits.bodyReadTimeout().toNanos();
        this.minBytesPerSecond = limits.minBodyBytesPerSecond();
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            tooLarge(response);
            return;
        }
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        Taken taken = new Taken(inFlight);
        if (!taken.take(Math.max(declared, 0))) {
            busy(response);
            return;
        }
        try {
            byte[] body;
            try {
                body = read(request.getInputStream(), declared, taken);
            } catch (BodyTooLarge e) {
                tooLarge(response);
                return;
            } catch (BodyTooSlow | IOException e) {
                // IOException: the connector's read timeout, or the client went away; either way no body came
                errors.write(response, 408, null, "The request body did not arrive in time");
                return;
            } catch (Busy e) {
                busy(response);
                return;
            }
            if (!isUtf8(body)) {
                errors.write(response, 400, "invalidSyntax", "The request body is not valid UTF-8");
                return;
            }
            chain.doFilter(new CachedBodyRequest(request, body), response);
        } finally {
            // the route answers on the request executor: the body's bytes are in use until the response is complete
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(taken);
            } else {
                taken.run();
            }
        }
    }

    private void busy(HttpServletResponse response) throws IOException {
        errors.write(response, 503, null, "Too many large requests at once; retry later");
    }

    private byte[] read(InputStream in, long declared, Taken taken)
            throws IOException, BodyTooLarge, BodyTooSlow, Busy {
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 256), limit));
        byte[] buffer = new byte[8192];
        long start = System.nanoTime();
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            body.write(buffer, 0, n);
            if (body.size() > limit) {
                throw new BodyTooLarge();
            }
            if (body.size() > taken.bytes() && !taken.take(body.size() - taken.bytes())) {
                throw new Busy(); // a chunked body, or one longer than it declared, takes its bytes as they come
            }
            long elapsed = System.nanoTime() - start;
            if (elapsed > timeoutNanos || (elapsed > GRACE_NANOS
                    && body.size() < minBytesPerSecond * elapsed / TimeUnit.SECONDS.toNanos(1))) {
                if (declared < 0 || body.size() < declared) {
                    throw new BodyTooSlow();
                }
            }
        }
        return body.toByteArray();
    }

    /**
     * Strictly: overlong forms, surrogates and stray bytes would otherwise be stored as U+FFFD. Decoded through a
     * small buffer: decoding the whole body at once held a second copy of it, twice its size in chars.
     */
    static boolean isUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                return !decoder.flush(out).isError();
            }
            out.clear();
        }
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        errors.write(response, 413, null, "The request body is larger than " + limit + " bytes");
    }

    private static final class BodyTooLarge extends Exception {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }

    private static final class Busy extends Exception {
        Busy() {
            super(null, null, false, false);
        }
    }

    /** The bytes one request holds of the in-flight budget, given back once when its response is complete. */
    private static final class Taken extends WhenAsyncCompletes {
        private final InFlightBodies inFlight;
        private final AtomicLong bytes = new AtomicLong();

        Taken(InFlightBodies inFlight) {
            this.inFlight = inFlight;
        }

        boolean take(long n) {
            if (!inFlight.tryTake(n)) {
                return false;
            }
            bytes.addAndGet(n);
            return true;
        }

        long bytes() {
            return bytes.get();
        }

        @Override
        public void run() {
            inFlight.giveBack(bytes.getAndSet(0));
        }
    }

    private static final class BodyTooSlow extends Exception {
        BodyTooSlow() {
            super(null, null, false, false);
        }
    }

    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
