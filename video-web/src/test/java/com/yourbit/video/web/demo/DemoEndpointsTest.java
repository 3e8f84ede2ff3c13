package com.yourbit.video.web.demo;

import com.yourbit.video.web.problem.FallbackExceptionMapper;
import com.yourbit.video.web.problem.WebApplicationExceptionMapper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.resteasy.mock.MockDispatcherFactory;
import org.jboss.resteasy.mock.MockHttpRequest;
import org.jboss.resteasy.mock.MockHttpResponse;
import org.jboss.resteasy.spi.Dispatcher;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /}, {@code /demo/{file}} and {@code POST /demo/token} as the server dispatches them, off and on. */
class DemoEndpointsTest {

    static final Path DEV_KEY = Path.of("../wildfly-config/dev/jwt-private.pem");
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final Dispatcher dispatcher = MockDispatcherFactory.createDispatcher();

    /** The endpoints with the switch as the configuration sets it. */
    private DemoEndpointsTest with(boolean enabled, String issuer, Path key) {
        DemoSwitch demo = new DemoSwitch();
        demo.enabled = enabled;
        demo.issuer = Optional.ofNullable(issuer);
        demo.key = Optional.ofNullable(key).map(Path::toString);
        demo.decide();
        DemoTokens tokens = new DemoTokens();
        tokens.demo = demo;
        tokens.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        tokens.audiences = "yourbit-video";
        DemoPageResource page = new DemoPageResource();
        page.demo = demo;
        page.publicUrl = Optional.of("http://video.test:8080/");
        DemoTokenResource token = new DemoTokenResource();
        token.demo = demo;
        token.tokens = tokens;
        token.publicUrl = Optional.of("http://video.test:8080");
        dispatcher.getRegistry().addSingletonResource(page);
        dispatcher.getRegistry().addSingletonResource(token);
        DemoGate gate = new DemoGate();
        gate.demo = demo;
        dispatcher.getProviderFactory().registerProviderInstance(gate);
        dispatcher.getProviderFactory().registerProviderInstance(new WebApplicationExceptionMapper());
        dispatcher.getProviderFactory().registerProviderInstance(new FallbackExceptionMapper());
        return this;
    }

    private DemoEndpointsTest on() {
        return with(true, DemoSwitch.DEV_ISSUER, DEV_KEY);
    }

    private MockHttpResponse send(String method, String path, String host, String origin) {
        try {
            MockHttpRequest request = MockHttpRequest.create(method, path);
            if (host != null) {
                request.header("Host", host);
            }
            if (origin != null) {
                request.header("Origin", origin);
            }
            MockHttpResponse response = new MockHttpResponse();
            dispatcher.invoke(request, response);
            return response;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private MockHttpResponse get(String path) {
        return send("GET", path, "localhost:8080", null);
    }

    @Test
    void offEveryPathIs404AndNoTokenIsSigned() throws Exception {
        with(false, DemoSwitch.DEV_ISSUER, DEV_KEY);

        for (String path : new String[] {"/", "/demo/demo.js", "/demo/hls.min.js", "/demo/index.html"}) {
            assertThat(get(path).getStatus()).as(path).isEqualTo(404);
        }
        MockHttpResponse token = send("POST", "/demo/token", "localhost:8080", "http://localhost:8080");
        assertThat(token.getStatus()).isEqualTo(404);
        assertThat(token.getContentAsString()).doesNotContain("eyJ");
        // No method and no spelling tells that the endpoints exist (JAX-RS would answer 405 or OPTIONS).
        for (String method : new String[] {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}) {
            for (String path : new String[] {"/", "/demo/token", "/demo;x=1/token", "//demo/token", "/demo/"}) {
                MockHttpResponse response = send(method, path, "localhost:8080", null);
                assertThat(response.getStatus()).as(method + " " + path).isEqualTo(404);
                assertThat(response.getOutputHeaders().getFirst("Allow")).as(method + " " + path).isNull();
            }
        }
    }

    @Test
    void theFlagAloneDoesNotTurnItOnWhereTheDevelopmentIssuerIsNotTrusted() throws Exception {
        assertThat(DemoSwitch.decide(true, Optional.of("https://web.example.com"), Optional.of(DEV_KEY.toString()))).isFalse();
        assertThat(DemoSwitch.decide(true, Optional.empty(), Optional.of(DEV_KEY.toString()))).isFalse();
        assertThat(DemoSwitch.decide(true, Optional.of(DemoSwitch.DEV_ISSUER), Optional.empty())).isFalse();
        assertThat(DemoSwitch.decide(true, Optional.of(DemoSwitch.DEV_ISSUER), Optional.of("/nonexistent/key.pem"))).isFalse();
        assertThat(DemoSwitch.decide(false, Optional.of(DemoSwitch.DEV_ISSUER), Optional.of(DEV_KEY.toString()))).isFalse();
        assertThat(DemoSwitch.decide(true, Optional.of(DemoSwitch.DEV_ISSUER), Optional.of(DEV_KEY.toString()))).isTrue();

        with(true, "https://web.example.com", DEV_KEY);
        assertThat(get("/").getStatus()).isEqualTo(404);
        assertThat(send("POST", "/demo/token", "localhost:8080", null).getStatus()).isEqualTo(404);
    }

    @Test
    void onThePageAndItsLibrariesAreServedUnderAStrictPolicy() throws Exception {
        on();

        MockHttpResponse page = get("/");
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getOutputHeaders().getFirst("Content-Type").toString()).startsWith("text/html");
        String csp = page.getOutputHeaders().getFirst("Content-Security-Policy").toString();
        assertThat(csp).contains("script-src 'self';").contains("frame-ancestors 'none'").doesNotContain("unsafe")
                .contains("connect-src 'self' http://video.test:8080 https:;");
        assertThat(DemoPageResource.originOf("javascript:alert(1)")).isNull();
        assertThat(DemoPageResource.originOf("http://localhost:8080/x?y")).isEqualTo("http://localhost:8080");
        assertThat(page.getContentAsString()).contains("<script src=\"/demo/hls.min.js\"></script>");
        for (String library : new String[] {"tus.min.js", "upchunk.js", "hls.min.js", "demo.js"}) {
            MockHttpResponse js = get("/demo/" + library);
            assertThat(js.getStatus()).as(library).isEqualTo(200);
            assertThat(js.getOutputHeaders().getFirst("Content-Type").toString()).startsWith("text/javascript");
            assertThat(js.getOutput().length).as(library).isGreaterThan(1000);
        }
        assertThat(get("/demo/..%2Fdemo-page%2Findex.html").getStatus()).isEqualTo(404);
        assertThat(get("/demo/vendor/hls.min.js").getStatus()).isEqualTo(404);
        assertThat(get("/demo/licenses").getStatus()).isEqualTo(404);
    }

    @Test
    void theTokenIsTheDemoUsersWithTheUserGroupOnlySignedWithTheDevelopmentKey() throws Exception {
        on();

        MockHttpResponse response = send("POST", "/demo/token", "localhost:8080", "http://localhost:8080");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getOutputHeaders().getFirst("Cache-Control").toString()).isEqualTo("no-store");
        JsonObject body = Json.createReader(new StringReader(response.getContentAsString())).readObject();
        String[] jwt = body.getString("token").split("\\.");
        JsonObject claims = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(jwt[1])))).readObject();
        assertThat(claims.getString("iss")).isEqualTo(DemoSwitch.DEV_ISSUER);
        assertThat(claims.getString("aud")).isEqualTo("yourbit-video");
        assertThat(claims.getString("sub")).isEqualTo("demo");
        assertThat(claims.getString("upn")).isEqualTo("demo");
        assertThat(claims.getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("user");
        assertThat(claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue()).isEqualTo(1800);
        assertThat(body.getString("expiresAt")).isEqualTo(NOW.plusSeconds(1800).toString());
        assertThat(DevKeyCheck.verifies(body.getString("token"))).isTrue();
        // Asked again: the same token, nothing signed anew.
        String again = Json.createReader(new StringReader(send("POST", "/demo/token", "localhost:8080", null)
                .getContentAsString())).readObject().getString("token");
        assertThat(again).isEqualTo(body.getString("token"));
        // Nothing the caller sends picks the user or the groups.
        assertThat(send("POST", "/demo/token?user=root&groups=admin", "localhost:8080", null).getContentAsString())
                .contains(body.getString("token"));
    }

    @Test
    void onlyThePageAtALoopbackNameOrThePublicUrlGetsAToken() throws Exception {
        on();

        assertThat(send("POST", "/demo/token", "127.0.0.1:8080", null).getStatus()).isEqualTo(200);
        assertThat(send("POST", "/demo/token", "[::1]:8080", "http://[::1]:8080").getStatus()).isEqualTo(200);
        assertThat(send("POST", "/demo/token", "video.test:8080", "http://video.test:8080").getStatus()).isEqualTo(200);
        // DNS rebinding: another site's name pointed at this machine.
        MockHttpResponse rebound = send("POST", "/demo/token", "attacker.example:8080", "http://attacker.example:8080");
        assertThat(rebound.getStatus()).isEqualTo(403);
        assertThat(rebound.getOutputHeaders().getFirst("Content-Type").toString()).startsWith("application/problem+json");
        // Another site's page posting here.
        assertThat(send("POST", "/demo/token", "localhost:8080", "http://attacker.example").getStatus()).isEqualTo(403);
        assertThat(send("POST", "/demo/token", "localhost:8080", "null").getStatus()).isEqualTo(403);
        assertThat(DemoTokenResource.refusal(null, null, "video.test")).isNotNull();
        assertThat(DemoTokenResource.refusal("local host", null, "video.test")).isNotNull();
        assertThat(DemoTokenResource.refusal("localhost.attacker.example", null, "video.test")).isNotNull();
    }
}
