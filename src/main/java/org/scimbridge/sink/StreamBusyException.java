package org.scimbridge.sink;

/** A stream could not be taken for exclusive work (a reconcile): another instance holds it, or it did not pause. */
public class StreamBusyException extends RuntimeException {

    public StreamBusyException(String message) {
        super(message);
    }
}
