package com.yourbit.video.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the npm-based clients in ear/src/test/js and reads the JSON line it prints last. */
final class NodeScript {

    private NodeScript() {
    }

    static JsonObject run(String script, String... args) throws IOException, InterruptedException {
        return run(Duration.ofSeconds(120), script, args);
    }

    /** The same, for a script that takes longer than two minutes (a browser visit with an encode). */
    static JsonObject run(Duration timeout, String script, String... args) throws IOException, InterruptedException {
        Path clients = Path.of(System.getProperty("js.clients.dir"));
        List<String> command = new ArrayList<>(List.of("node", clients.resolve(script).toString()));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command).directory(clients.toFile()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            node.destroyForcibly();
            throw new AssertionError(script + " did not finish: " + output);
        }
        String lastLine = output.strip().lines().reduce((a, b) -> b).orElse("");
        if (!lastLine.startsWith("{")) {
            throw new AssertionError("unexpected output of " + script + ": " + output);
        }
        try (JsonReader reader = Json.createReader(new StringReader(lastLine))) {
            return reader.readObject();
        }
    }
}
