package com.yourbit.video.providers.local.objects;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the objects live ({@code video.action-map.local.s3.*}). Credentials are not settings:
 * the SDK's default chain finds them (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the
 * environment, or a role), so they are never in the action map or its logs.
 *
 * @param endpoint the store's URL; empty for AWS itself
 * @param region the signing region (S3-compatible stores mostly accept any)
 * @param bucket an existing bucket
 * @param pathStyle bucket in the path ({@code host/bucket/key}), as most S3-compatible stores need
 * @param prefix put before every key (empty, or ending in {@code /}), so one bucket can hold several services
 * @param minPartSize the size an upload's parts reach before they are sent (S3's minimum: 5 MiB)
 */
public record S3Settings(Optional<URI> endpoint, String region, String bucket, boolean pathStyle, String prefix,
                         long minPartSize) {

    /** S3 refuses smaller parts except the last. */
    public static final long S3_MIN_PART_SIZE = 5L * 1024 * 1024;
    /** S3 refuses larger parts. */
    public static final long S3_MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    public S3Settings {
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must be set");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
    }

    /**
     * The settings from the action map's keys below {@code keyPrefix} (e.g.
     * {@code video.action-map.local.s3.}), read through {@code optional}.
     *
     * @throws IllegalArgumentException naming the key whose value is wrong
     */
    public static S3Settings read(String keyPrefix, Function<String, Optional<String>> optional) {
        Optional<URI> endpoint = optional.apply("endpoint").map(value -> endpoint(keyPrefix + "endpoint", value));
        String region = optional.apply("region").orElse("us-east-1");
        String bucket = optional.apply("bucket").orElseThrow(() ->
                new IllegalArgumentException(keyPrefix + "bucket must be set when the storage is s3"));
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException(keyPrefix + "bucket is not a bucket name (3-63 of a-z, 0-9, '.', '-')");
        }
        boolean pathStyle = bool(keyPrefix + "path-style", optional.apply("path-style").orElse("true"));
        String prefix = optional.apply("prefix").orElse("");
        if (prefix.startsWith("/") || prefix.contains("//")) {
            throw new IllegalArgumentException(keyPrefix + "prefix must not start with '/' nor contain '//'");
        }
        long minPartSize;
        try {
            minPartSize = Long.parseLong(optional.apply("min-part-size").orElse(Long.toString(S3_MIN_PART_SIZE)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(keyPrefix + "min-part-size is not a number of bytes");
        }
        if (minPartSize < S3_MIN_PART_SIZE || minPartSize > S3_MAX_PART_SIZE) {
            throw new IllegalArgumentException(keyPrefix + "min-part-size must be between 5 MiB and 5 GiB (S3's part sizes)");
        }
        return new S3Settings(endpoint, region, bucket, pathStyle, prefix, minPartSize);
    }

    private static URI endpoint(String key, String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(key + " must be an http(s) URL");
            }
            if (uri.getUserInfo() != null) {
                // Credentials come from the environment; one written here would end in logs.
                throw new IllegalArgumentException(key + " must not carry credentials");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " is not a URL");
        }
    }

    private static boolean bool(String key, String value) {
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(key + " must be true or false");
    }
}
