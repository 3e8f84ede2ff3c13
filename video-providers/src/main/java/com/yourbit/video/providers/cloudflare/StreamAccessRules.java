package com.yourbit.video.providers.cloudflare;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured {@code access-rules} of Stream tokens, checked against what Cloudflare takes
 * (developers.cloudflare.com/stream/viewing-videos/securing-your-stream/, "Access Rules"): at
 * most five rules, each {@code {"type", "action"}} with {@code type} {@code any},
 * {@code ip.src} (with a non-empty {@code ip} list) or {@code ip.geoip.country} (with a
 * non-empty {@code country} list of ISO 3166-1 alpha-2 codes) and {@code action}
 * {@code allow} or {@code block}. A token Cloudflare would refuse fails every playback, so the
 * rules are refused when the application starts ({@link CloudflareStartupCheck}), not when a
 * viewer asks.
 */
final class StreamAccessRules {

    /** Looked up once: each {@code Json.create*} looks the provider up anew (a service-loader scan). */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final int MAX_RULES = 5;
    private static final String KEY = CloudflareSettings.PREFIX + "access-rules";
    private static final Set<String> ACTIONS = Set.of("allow", "block");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern IP_OR_CIDR = Pattern.compile("[0-9A-Fa-f:.]{2,45}(/[0-9]{1,3})?");

    private StreamAccessRules() {
    }

    /**
     * The rules as nimbus serialises them (plain lists and maps); empty when none are set.
     *
     * @throws IllegalArgumentException naming the key and the rule at fault
     */
    static List<Object> parse(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonArray rules;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            rules = reader.readArray();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException(KEY + " must be a JSON array of rules");
        }
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException(KEY + " has " + rules.size() + " rules; Cloudflare takes at most " + MAX_RULES);
        }
        for (int i = 0; i < rules.size(); i++) {
            check(rules.get(i), i + 1);
        }
        try {
            // nimbus serialises plain Java maps and lists; JSON-P values are converted once here.
            return com.nimbusds.jose.util.JSONArrayUtils.parse(rules.toString()).stream().map(o -> (Object) o).toList();
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(KEY + " must be a JSON array of rules");
        }
    }

    private static void check(JsonValue value, int n) {
        if (!(value instanceof JsonObject rule)) {
            throw invalid(n, "must be an object");
        }
        if (!(rule.get("action") instanceof JsonString action) || !ACTIONS.contains(action.getString())) {
            throw invalid(n, "needs \"action\": \"allow\" or \"block\"");
        }
        String type = rule.get("type") instanceof JsonString t ? t.getString() : "";
        switch (type) {
            case "any" -> { }
            case "ip.src" -> strings(rule, "ip", IP_OR_CIDR, n);
            case "ip.geoip.country" -> strings(rule, "country", COUNTRY, n);
            default -> throw invalid(n, "needs \"type\": \"any\", \"ip.src\" or \"ip.geoip.country\"");
        }
    }

    private static void strings(JsonObject rule, String name, Pattern each, int n) {
        if (!(rule.get(name) instanceof JsonArray list) || list.isEmpty()) {
            throw invalid(n, "needs a non-empty \"" + name + "\" list");
        }
        for (JsonValue item : list) {
            if (!(item instanceof JsonString s) || !each.matcher(s.getString()).matches()) {
                throw invalid(n, "has an entry in \"" + name + "\" that is not " + ("ip".equals(name) ? "an IP address or CIDR" : "a two-letter country code"));
            }
        }
    }

    private static IllegalArgumentException invalid(int n, String problem) {
        return new IllegalArgumentException(KEY + ": rule " + n + " " + problem);
    }
}
