package org.scimbridge.sink;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last word on a failed poll (the {@code doCatch} of the poll templates): a target that is down fails every poll until it
 * is back, so each failed poll is one WARN line (sink, error class and message, lag) and the stack trace goes
 * to DEBUG. The position did not move; the next poll starts over from it.
 */
@Component("sinkPoll")
public class SinkPollFailures {

    private static final Logger LOG = LoggerFactory.getLogger(SinkPollFailures.class);

    private final SinkFeedStore feed;

    public SinkPollFailures(SinkFeedStore feed) {
        this.feed = feed;
    }

    public void failed(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String sink = exchange.getMessage().getHeader("scimBridgeLdapTarget", String.class);
        if (sink == null) {
            sink = exchange.getMessage().getHeader("scimBridgeJdbcSink", String.class);
        }
        String lag;
        try {
            lag = String.valueOf(feed.lag(sink));
        } catch (RuntimeException e) {
            lag = "unknown (" + e.getClass().getSimpleName() + ")";
        }
        Throwable cause = cause(error);
        Throwable root = root(error);
        LOG.warn("sink {} poll failed, will retry: {}{} (lag {} changes)", sink, describe(cause),
                root == cause ? "" : "; root cause " + describe(root), lag);
        LOG.debug("sink {} poll failure", sink, error);
    }

    /** The first error in the chain that is not Camel's wrapping (the split's "Multicast processing failed"). */
    private static Throwable cause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (!c.getClass().getName().startsWith("org.apache.camel.")) {
                return c;
            }
        }
        return t;
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String msg = String.valueOf(t.getMessage()).replaceAll("\\s+", " ");
        return t.getClass().getName() + ": " + (msg.length() > 200 ? msg.substring(0, 200) + "..." : msg);
    }

    private static Throwable root(Throwable t) {
        Throwable r = t;
        while (r != null && r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }
}
