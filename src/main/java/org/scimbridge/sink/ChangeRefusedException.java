package org.scimbridge.sink;

/**
 * A sink route's way of saying "the target refuses this change": the stream retries it a few times, then parks
 * it. From YAML: {@code throwException: {exceptionType: org.scimbridge.sink.ChangeRefusedException, message:
 * "..."}}. Any other exception a route throws is classified by the sink's type.
 */
public class ChangeRefusedException extends RuntimeException {

    public ChangeRefusedException(String message) {
        super(message);
    }
}
