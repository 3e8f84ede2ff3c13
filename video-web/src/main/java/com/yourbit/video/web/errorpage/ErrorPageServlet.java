package com.yourbit.video.web.errorpage;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.web.body.UnreadBodies;
import com.yourbit.video.web.problem.Problem;
import com.yourbit.video.web.problem.WebApplicationExceptionMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's error page for every status and exception that JAX-RS did not answer
 * itself (a security constraint's 403, an error thrown past the mappers, an OutOfMemoryError):
 * problem+json with the status, never the container's HTML page or a stack trace.
 */
@WebServlet(name = "error-problem", urlPatterns = "/errors/problem", asyncSupported = true)
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number && number >= 400 ? number : 404;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String body;
        if (status >= 500 || failure instanceof Throwable) {
            status = 500;
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "incident " + incident, failure instanceof Throwable t ? t : null);
            body = Problem.body(ErrorCode.INTERNAL_ERROR, "the service failed; quote incident " + incident + " when reporting it");
        } else {
            body = WebApplicationExceptionMapper.forStatus(status);
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        UnreadBodies.closeIfBody(request, response);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }
}
