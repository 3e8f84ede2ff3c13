package com.yourbit.video.bench;

import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentManager;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import me.desair.tus.server.TusFileUploadService;

import java.io.IOException;

/**
 * The Java peer of the ingest benchmark (bench/bench.sh): tus-java-server as its README sets
 * it up (a {@link TusFileUploadService} behind one servlet, storing on disk), in Undertow on
 * 127.0.0.1. It is run, never tested.
 *
 * <pre>java -cp … com.yourbit.video.bench.TusJavaPeer &lt;port&gt; &lt;storage-dir&gt;</pre>
 */
public final class TusJavaPeer {

    private TusJavaPeer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        TusFileUploadService tus = new TusFileUploadService().withStoragePath(args[1]).withUploadUri("/files");
        DeploymentManager deployment = Servlets.defaultContainer().addDeployment(Servlets.deployment()
                .setClassLoader(TusJavaPeer.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("tus-java-server")
                .addServlets(Servlets.servlet("tus", TusServlet.class, () -> new io.undertow.servlet.api.InstanceHandle<>() {
                    private final TusServlet servlet = new TusServlet(tus);

                    @Override
                    public TusServlet getInstance() {
                        return servlet;
                    }

                    @Override
                    public void release() {
                    }
                }).addMapping("/files").addMapping("/files/*")));
        deployment.deploy();
        // Undertow alone bounds request bodies; the library and its storage decide here, as in a servlet container set up for uploads.
        Undertow.builder().addHttpListener(port, "127.0.0.1").setServerOption(io.undertow.UndertowOptions.MAX_ENTITY_SIZE, Long.MAX_VALUE)
                .setHandler(deployment.start()).build().start();
        System.out.println("tus-java-server on " + port);
    }

    /** Hands every request to the library, as its README's Spring controller does. */
    static final class TusServlet extends HttpServlet {

        private static final long serialVersionUID = 1L;
        private final transient TusFileUploadService tus;

        TusServlet(TusFileUploadService tus) {
            this.tus = tus;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            tus.process(request, response);
        }
    }
}
