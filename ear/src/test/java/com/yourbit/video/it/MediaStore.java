package com.yourbit.video.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the server under test keeps the local provider's media, as the server's own storage
 * setting says: its storage directory (the H2 run, {@code it.storage=fs}) or the bucket of the
 * S3 server (the PostgreSQL run, {@code it.storage=s3}), read through the S3 API. Tests that
 * check what is stored, or that it is gone, ask here rather than assume a backend.
 */
final class MediaStore {

    private static final boolean S3 = "s3".equals(System.getProperty("it.storage"));
    private static final Path DIR = Path.of(System.getProperty("it.server.base"), "data", "yourbit-video", "storage");

    private MediaStore() {
    }

    /** Whether anything is stored under this name: a file or directory, or an object or a key prefix ({@code name/}). */
    static boolean holds(String name) {
        if (!S3) {
            return Files.exists(DIR.resolve(name));
        }
        try (S3Client s3 = client()) {
            String bucket = System.getProperty("it.s3.bucket");
            return s3.listObjectsV2(r -> r.bucket(bucket).prefix(name).maxKeys(1)).contents().stream()
                    .anyMatch(o -> o.key().equals(name) || o.key().startsWith(name + "/"));
        }
    }

    /** A node-local cache (thumbnails, previews): in the storage directory on either backend. */
    static boolean cacheHolds(String name) {
        return Files.exists(DIR.resolve(name));
    }

    private static S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + System.getProperty("it.s3.port")))
                .region(Region.US_EAST_1)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        System.getProperty("it.s3.access-key"), System.getProperty("it.s3.secret-key"))))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
