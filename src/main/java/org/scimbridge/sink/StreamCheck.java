package org.scimbridge.sink;

/**
 * A check a sink type runs on a (sink, directory) stream before the stream hands it changes: called by each
 * {@link SinkStreams#poll} while this instance holds the stream (its lock and its lease), so nothing applies
 * changes of that stream meanwhile and the check may repair the target through {@link SinkStreams#exclusively}.
 * An implementation decides itself how often it really looks (when the stream starts, then at an interval) and
 * answers at once otherwise.
 */
public interface StreamCheck {

    /**
     * @return true when the stream may deliver now; false to leave this directory's changes for a later poll
     *         (the check could not be made: the target is unreachable, ...). It logs why itself
     */
    boolean ready(String sink, String directory);
}
