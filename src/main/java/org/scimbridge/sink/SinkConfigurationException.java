package org.scimbridge.sink;

/**
 * A sink setting that cannot work: an unknown sink named by a directory, a missing key, a bad DN, a route that
 * does not exist. Thrown at start-up; {@link SinkConfigurationFailureAnalyzer} prints its message as the one
 * line that says why the bridge did not start.
 */
public class SinkConfigurationException extends RuntimeException {

    public SinkConfigurationException(String message) {
        super(message);
    }

    public SinkConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
