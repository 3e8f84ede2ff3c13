package com.yourbit.video.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * tus {@code Upload-Metadata}: comma-separated {@code key base64value} pairs (a key alone
 * has an empty value). Read by the upload endpoints, written by providers that create tus
 * uploads elsewhere.
 */
public final class TusMetadata {

    private static final int MAX_HEADER = 4096;

    private TusMetadata() {
    }

    /** @throws IllegalArgumentException when the header is not valid tus metadata */
    public static Map<String, String> parse(String header) {
        Map<String, String> result = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return result;
        }
        if (header.length() > MAX_HEADER) {
            throw new IllegalArgumentException("Upload-Metadata is too long");
        }
        for (String pair : header.split(",")) {
            String[] parts = pair.trim().split(" ");
            String key = parts[0];
            if (parts.length > 2 || !key.matches("[A-Za-z0-9_.-]{1,64}") || result.containsKey(key)) {
                throw new IllegalArgumentException("Upload-Metadata is not a list of 'key base64value' pairs");
            }
            String value = parts.length == 2 ? new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8) : "";
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                throw new IllegalArgumentException("Upload-Metadata values must be text");
            }
            result.put(key, value);
        }
        return result;
    }

    public static String format(Map<String, String> metadata) {
        StringBuilder out = new StringBuilder();
        metadata.forEach((k, v) -> {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(k);
            if (!v.isEmpty()) {
                out.append(' ').append(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
            }
        });
        return out.toString();
    }
}
