package com.yourbit.video.it;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

import static com.yourbit.video.it.Server.get;
import static org.assertj.core.api.Assertions.assertThat;

/** Management operations an operator would run, and the reload some of them ask for. */
final class ServerReload {

    private final ManagementClient management;

    ServerReload(ManagementClient management) {
        this.management = management;
    }

    /** Runs the operation; if the server then wants a reload, reloads and waits until it runs again. */
    void executeAndReloadIfRequired(ModelNode operation) throws Exception {
        ModelNode result = management.getControllerClient().execute(operation);
        assertThat(result.get("outcome").asString()).as(operation + " -> " + result).isEqualTo("success");
        if (result.get("response-headers", "operation-requires-reload").asBoolean(false)
                || result.get("response-headers", "process-state").asString("").equals("reload-required")) {
            reload();
        }
    }

    /**
     * Reloads and waits until the server runs again. The write left the server in
     * {@code reload-required}, so only a finished reload brings it back to {@code running}.
     */
    void reload() throws Exception {
        ModelNode reload = new ModelNode();
        reload.get("operation").set("reload");
        reload.get("address").setEmptyList();
        issueReload(reload);
        long deadline = System.nanoTime() + 120_000_000_000L;
        long reissueAt = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            String state = serverState();
            if ("running".equals(state) && get("/api/videos", "x").statusCode() == 401) {
                return;
            }
            if ("reload-required".equals(state) && System.nanoTime() > reissueAt) {
                // the reload request was lost with the connection before the server took it
                issueReload(reload);
                reissueAt = System.nanoTime() + 15_000_000_000L;
            }
        }
        throw new AssertionError("the server did not come back from a reload within 120 s");
    }

    private void issueReload(ModelNode reload) throws IOException {
        try {
            management.getControllerClient().execute(reload);
        } catch (IOException e) {
            // as in WildFly's own ServerReload helper: the channel may close before the answer
            if (!(e.getCause() instanceof ExecutionException) && !(e.getCause() instanceof CancellationException)) {
                throw e;
            }
        }
    }

    private String serverState() {
        try {
            ModelNode read = new ModelNode();
            read.get("operation").set("read-attribute");
            read.get("address").setEmptyList();
            read.get("name").set("server-state");
            return management.getControllerClient().execute(read).get("result").asString("");
        } catch (Exception stillReloading) {
            return "unreachable"; // the management connection drops while the server reloads
        }
    }
}
