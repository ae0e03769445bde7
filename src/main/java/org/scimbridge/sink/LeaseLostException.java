package org.scimbridge.sink;

/**
 * This instance no longer holds the lease of a (sink, directory) stream: another instance took it over after
 * it expired, or it was released on shutdown. The change in flight is neither committed nor parked; the holder
 * applies it from the position (applying a change twice is harmless).
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String sink, String directoryId, String owner, String holder) {
        super("sink " + sink + " lost the lease of directory " + directoryId + " (this instance " + owner
                + ", now held by " + (holder == null ? "nobody" : holder) + ")");
    }
}
