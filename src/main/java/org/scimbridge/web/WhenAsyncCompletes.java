package org.scimbridge.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/**
 * Something a filter gives back when the request's answer is complete: at once for a synchronous request (the filter
 * calls {@link #run()}), or when the async request completes (Camel's platform-http answers on an async dispatch).
 * A timeout or an error is followed by a completion, so only the completion runs it; a new async cycle keeps it.
 */
public abstract class WhenAsyncCompletes implements AsyncListener, Runnable {

    @Override
    public void onComplete(AsyncEvent event) {
        run();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
    }

    @Override
    public void onError(AsyncEvent event) {
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        event.getAsyncContext().addListener(this);
    }
}
