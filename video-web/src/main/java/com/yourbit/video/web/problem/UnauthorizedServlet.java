package com.yourbit.video.web.problem;

import com.yourbit.video.domain.ErrorCode;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page for a 401 decided before JAX-RS runs (the MP-JWT mechanism refusing an
 * invalid or expired token), so that answer is problem+json like every other.
 */
@WebServlet(name = "unauthorized-problem", urlPatterns = "/errors/unauthorized")
public class UnauthorizedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Problem.body(ErrorCode.UNAUTHORIZED, "the bearer token is invalid or expired"));
    }
}
