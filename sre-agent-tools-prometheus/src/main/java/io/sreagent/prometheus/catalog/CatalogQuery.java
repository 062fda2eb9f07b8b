package io.sreagent.prometheus.catalog;

import java.util.Objects;

/**
 * A named, parameterised PromQL query an SRE runs for a workload, such as the memory working set against its limit.
 *
 * <p>The template contains the placeholders {@code {namespace}} (used in an {@code =} matcher), {@code {pod}} and
 * {@code {container}} (used in {@code =~} matchers) and {@code {workload}} (the owning workload's name, see
 * {@link Workload#workloadName()}, used in {@code =~} matchers on kube-state-metrics' deployment and HPA labels).
 * Templates use only selectors with {@code =}/{@code =~} matchers, range vectors, rate/increase/deriv,
 * {@code *_over_time}, histogram_quantile, sum/max by and arithmetic, so an embedded evaluator can answer them too.
 *
 * @param name        stable identifier, such as {@code memory_working_set_ratio}
 * @param description what the query shows and how to read it
 * @param kind        whether it is meant as an instant or a range query
 * @param template    the PromQL template
 * @param unit        unit of the result values, such as {@code bytes}, {@code ratio}, {@code cores}
 */
public record CatalogQuery(String name, String description, QueryKind kind, String template, String unit) {

    /** Checks that every component is present. */
    public CatalogQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(unit, "unit");
    }

    /**
     * The PromQL for {@code w}: placeholders replaced by the workload's label values, escaped for a PromQL
     * double-quoted string. A {@code null} container becomes {@code .+} (any non-empty container, which leaves out
     * cAdvisor's pod-level series with {@code container=""}); a given container is matched literally.
     */
    public String render(Workload w) {
        Objects.requireNonNull(w, "workload");
        String container = w.container() == null ? ".+" : regexLiteral(w.container());
        // One pass over the template, so a value that happens to contain "{pod}" (a regex quantifier could) is never
        // substituted again.
        java.util.regex.Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "namespace" -> w.namespace();
                case "pod" -> w.podRegex();
                case "container" -> container;
                default -> w.workloadName();
            };
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(escape(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final java.util.regex.Pattern PLACEHOLDER =
            java.util.regex.Pattern.compile("\\{(namespace|pod|container|workload)\\}");

    /** Escapes a value for a PromQL double-quoted string literal. */
    static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Quotes RE2 metacharacters so a literal name can sit in an {@code =~} matcher. */
    static String regexLiteral(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
