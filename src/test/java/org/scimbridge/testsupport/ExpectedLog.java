package org.scimbridge.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The log lines a test causes on purpose (a target it stops, a change it makes the target refuse), kept off the
 * console for that test and handed to it to assert: a green build reads clean, and a warning nobody expected
 * still shows. For the test's duration the named loggers write to a list instead of to the root's appenders;
 * afterwards they write where they did before, and every WARN or ERROR the test did not {@link #expect} goes to
 * the console after all.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ExpectedLog log = ExpectedLog.of(SinkStreams.class);
 * ...
 * log.expect("parked after \\d+ attempts");
 * assertThat(log.warnings()).anyMatch(w -> w.contains("parked after 3 attempts"));
 * }</pre>
 */
public final class ExpectedLog implements BeforeEachCallback, AfterEachCallback {

    private final List<String> names;
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Boolean> additive = new ArrayList<>();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final List<Pattern> expected = new ArrayList<>();

    private ExpectedLog(List<String> names) {
        this.names = names;
    }

    public static ExpectedLog of(Class<?>... classes) {
        return new ExpectedLog(Arrays.stream(classes).map(Class::getName).toList());
    }

    public static ExpectedLog of(String... loggerNames) {
        return new ExpectedLog(List.of(loggerNames));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        events.list.clear();
        events.start();
        for (String name : names) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            loggers.add(logger);
            additive.add(logger.isAdditive());
            logger.addAppender(events);
            logger.setAdditive(false);
        }
    }

    /** A WARN or ERROR whose message contains a match of {@code regex} is this test's doing: kept off the console. */
    public ExpectedLog expect(String regex) {
        expected.add(Pattern.compile(regex));
        return this;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<ILoggingEvent> all;
        synchronized (events) {
            all = new ArrayList<>(events.list);
        }
        for (ILoggingEvent e : all) {
            if (e.getLevel().isGreaterOrEqual(Level.WARN)
                    && expected.stream().noneMatch(p -> p.matcher(e.getFormattedMessage()).find())) {
                root.callAppenders(e); // nobody expected it: it shows
            }
        }
        expected.clear();
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(events);
            loggers.get(i).setAdditive(additive.get(i));
        }
        loggers.clear();
        additive.clear();
        events.stop();
    }

    /** The WARN and ERROR lines so far, as their formatted messages, oldest first. */
    public List<String> warnings() {
        return atLeast(Level.WARN);
    }

    /** The WARN and ERROR events so far, oldest first (for what a message does not show, such as a stack trace). */
    public List<ILoggingEvent> warningEvents() {
        synchronized (events) {
            return events.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        }
    }

    /** The lines of this level or above so far, as their formatted messages, oldest first. */
    public List<String> atLeast(Level level) {
        synchronized (events) { // AppenderBase.doAppend appends under this lock
            return events.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(level))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
