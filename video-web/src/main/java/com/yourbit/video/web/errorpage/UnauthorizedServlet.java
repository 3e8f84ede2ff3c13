package com.yourbit.video.web.errorpage;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.web.body.UnreadBodies;
import com.yourbit.video.web.problem.Problem;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page for a 401 decided before JAX-RS runs (the MP-JWT mechanism refusing an
 * invalid or expired token, or a security constraint meeting no token), so that answer is
 * problem+json like every other.
 */
@WebServlet(name = "unauthorized-problem", urlPatterns = "/errors/unauthorized", asyncSupported = true)
public class UnauthorizedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(401);
        UnreadBodies.closeIfBody(request, response);
        boolean presented = request.getHeader("Authorization") != null;
        response.setHeader("WWW-Authenticate", presented ? "Bearer error=\"invalid_token\"" : "Bearer");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Problem.body(ErrorCode.UNAUTHORIZED, presented
                ? "the bearer token is invalid, expired or not meant for this service" : "a valid bearer token is required"));
    }
}
