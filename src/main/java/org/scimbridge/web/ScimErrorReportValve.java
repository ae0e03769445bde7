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
 * quote the offending header line, bearer token included. Tomcat's 501 (a method such as {@code CONNECT}, a
 * {@code Transfer-Encoding} it does not implement) is the client's doing, not a server fault: it is answered 405 for
 * the method and 400 for the framing.
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
        if (status == 501) {
            status = "CONNECT".equalsIgnoreCase(request.getMethod()) ? 405 : 400;
            response.setStatus(status);
        }
        try {
            response.setContentType(ScimMediaType.SCIM_JSON);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ScimErrorRenderer.body(status, null, detail(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException clientGone) {
            // nothing more can be said to this client
        }
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be parsed (request line, path, headers or framing)";
            case 405 -> "Method not allowed";
            case 414 -> "The request URL is too long";
            default -> "The request could not be processed";
        };
    }
}
