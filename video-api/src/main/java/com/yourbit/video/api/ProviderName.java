package com.yourbit.video.api;

import java.util.Objects;
import java.util.regex.Pattern;

/** The name a provider is known by in configuration and in a video's {@code storage_type}. */
public record ProviderName(String value) {

    private static final Pattern SYNTAX = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public ProviderName {
        Objects.requireNonNull(value, "provider name");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("not a provider name: " + value);
        }
    }

    public static ProviderName of(String value) {
        return new ProviderName(value);
    }

    public static boolean isValid(String value) {
        return value != null && SYNTAX.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
