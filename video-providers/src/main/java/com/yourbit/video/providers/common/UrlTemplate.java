package com.yourbit.video.providers.common;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An action-map URL template such as {@code https://stream.mux.com/{playback_id}.m3u8}.
 * Only the placeholders the caller names are substituted, and only with values made of
 * URL-safe id characters, so a value can never change the URL's host or path structure.
 */
public final class UrlTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    /** Ids and JWTs: letters, digits, '-', '_', '.'. */
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_.-]{1,4096}");

    private final String template;

    public UrlTemplate(String template) {
        this.template = template;
        URI.create(template.replaceAll("\\{[a-z_]+}", "x"));
    }

    /** @throws IllegalArgumentException for an unknown placeholder or an unsafe value */
    public URI expand(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("template placeholder {" + name + "} has no value");
            }
            if (!SAFE_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("value for {" + name + "} is not a well-formed id");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return URI.create(out.toString());
    }

    @Override
    public String toString() {
        return template;
    }
}
