package com.yourbit.video.providers.local.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A real S3Proxy (filesystem storage under target/), started once per test JVM as a separate
 * java process from the jar the build copies to target/s3proxy, with the credentials the tests'
 * environment gives the SDK. Each {@link #bucket()} is a new, empty bucket.
 */
public final class S3ProxyServer {

    private static S3ProxyServer running;

    private final URI endpoint;
    private final Process process;

    private S3ProxyServer(URI endpoint, Process process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    public static synchronized S3ProxyServer get() {
        if (running == null) {
            try {
                running = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return running;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Settings of a new, empty bucket on this server. */
    public S3Settings bucket() {
        S3Settings settings = new S3Settings(Optional.of(endpoint), "us-east-1",
                "test-" + UUID.randomUUID().toString().substring(0, 12), true, "", S3Settings.S3_MIN_PART_SIZE);
        try (software.amazon.awssdk.services.s3.S3Client client = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(endpoint).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build()) {
            client.createBucket(b -> b.bucket(settings.bucket()));
        }
        return settings;
    }

    private static S3ProxyServer start() throws IOException, InterruptedException {
        Path target = Path.of("target");
        Path jar = target.resolve("s3proxy/s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin, execution s3proxy)");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path base = Files.createDirectories(target.resolve("s3proxy/data-" + port));
        Properties properties = new Properties();
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", requiredEnv("AWS_ACCESS_KEY_ID"));
        properties.setProperty("s3proxy.credential", requiredEnv("AWS_SECRET_ACCESS_KEY"));
        properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", base.toAbsolutePath().toString());
        Path file = target.resolve("s3proxy/s3proxy-" + port + ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, null);
        }
        Path log = target.resolve("s3proxy/s3proxy-" + port + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "--properties", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy ended at start; see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.getResponseCode();
                connection.disconnect();
                return new S3ProxyServer(endpoint, process);
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroy();
        throw new IllegalStateException("S3Proxy did not answer within 60 s; see " + log);
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set (surefire's environmentVariables set it)");
        }
        return value;
    }
}
