package org.scimbridge.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.scimbridge.scim.error.ScimErrorRenderer;

/**
 * Tomcat's own error answers (a header it cannot parse, an encoded slash in the path, a header too large) as a
 * SCIM error body instead of its HTML page. The detail never repeats what the client sent: Tomcat's message would
 * quote the offending header line, bearer token included.
 */
public class ScimErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(ScimMediaType.SCIM_JSON);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ScimErrorRenderer.body(status, null, status == 400
                        ? "The request could not be parsed (request line, path or headers)"
                        : "The request could not be processed"));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException clientGone) {
            // nothing more can be said to this client
        }
    }
}
