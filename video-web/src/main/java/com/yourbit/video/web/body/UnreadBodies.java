package com.yourbit.video.web.body;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers that leave a request body unread close the connection. Otherwise the servlet
 * container reads (drains) the rest of the body after the answer, on the worker thread, with
 * a blocking read: a client trickling a large body would hold that thread as long as it
 * likes. With {@code Connection: close} the container shuts the connection's input instead.
 */
public final class UnreadBodies {

    static final String BOUNDED = UnreadBodies.class.getName() + ".bounded";
    static final String READ = UnreadBodies.class.getName() + ".read";

    private UnreadBodies() {
    }

    public static boolean hasBody(String contentLength, String transferEncoding) {
        if (transferEncoding != null) {
            return true;
        }
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** For the error pages (servlets): they never read the body of the request they answer. */
    public static void closeIfBody(HttpServletRequest request, HttpServletResponse response) {
        if (hasBody(request.getHeader("Content-Length"), request.getHeader("Transfer-Encoding"))) {
            response.setHeader("Connection", "close");
        }
    }
}
