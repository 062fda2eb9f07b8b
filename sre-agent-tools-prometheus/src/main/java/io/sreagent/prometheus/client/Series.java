package io.sreagent.prometheus.client;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One labelled series of a query result: a vector element (one sample) or a matrix row (many samples).
 *
 * @param labels  the label set ({@code __name__} included when Prometheus kept it), sorted by name
 * @param samples the samples in time order
 */
public record Series(Map<String, String> labels, List<Sample> samples) {

    /** Copies the label map (sorted for stable output) and the samples. */
    public Series {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        samples = List.copyOf(samples);
    }

    /** The last sample's value, or NaN when there is none. */
    public double lastValue() {
        return samples.isEmpty() ? Double.NaN : samples.get(samples.size() - 1).value();
    }

    /** The labels in PromQL notation, such as {@code {container="cart",pod="cart-1"}}. */
    public String labelString() {
        StringBuilder sb = new StringBuilder("{");
        labels.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        });
        return sb.append('}').toString();
    }
}
