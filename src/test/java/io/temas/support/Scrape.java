package io.temas.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of {@code /actuator/prometheus}, in Prometheus's text format, parsed into samples. */
public record Scrape(List<Sample> samples) {

    /** One sample: the series' name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Reads the endpoint with the API's admin token; fails unless it answers 200. */
    public static Scrape of(Api api) {
        Api.Response response = api.get("/actuator/prometheus");
        if (response.status() != 200) {
            throw new AssertionError("the metrics endpoint answered " + response.status());
        }
        return parse(response.body());
    }

    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new AssertionError("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new Scrape(List.copyOf(samples));
    }

    /** Every series name in the scrape. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The value of the one series with this name whose labels include these (name, value, name, value…). */
    public Optional<Double> value(String name, String... labels) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && has(s, labels)).toList();
        if (found.size() > 1) {
            throw new AssertionError("more than one series " + name + " with " + List.of(labels) + ": " + found);
        }
        return found.stream().findFirst().map(Sample::value);
    }

    /** As {@link #value}, failing when there is no such series. */
    public double get(String name, String... labels) {
        return value(name, labels).orElseThrow(() -> new AssertionError("no series " + name + " with " + List.of(labels)));
    }

    private static boolean has(Sample sample, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
