package com.yourbit.video.it;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One read of the management interface's Prometheus endpoint ({@code /metrics}), in the text
 * exposition format: sample lines {@code name{label="value",...} number}.
 */
final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusScrape(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    static PrometheusScrape now() {
        HttpResponse<String> response = Server.send(HttpRequest.newBuilder(Server.MANAGEMENT.resolve("/metrics")).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] words = line.split("\\s+");
                types.put(words[2], words[3]);
            }
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new PrometheusScrape(samples, types);
    }

    /** Whether any sample has this name. */
    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** The metric family's {@code # TYPE} (counter, gauge, summary, ...), or null. */
    String type(String family) {
        return types.get(family);
    }

    /**
     * The sum of the samples named {@code name} whose labels include these pairs
     * ({@code "provider", "mux", ...}); 0 when there is none yet (a meter appears on first use).
     */
    double sum(String name, String... labelPairs) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** How much {@link #sum} grew from {@code before} to this scrape. */
    double delta(PrometheusScrape before, String name, String... labelPairs) {
        return sum(name, labelPairs) - before.sum(name, labelPairs);
    }
}
