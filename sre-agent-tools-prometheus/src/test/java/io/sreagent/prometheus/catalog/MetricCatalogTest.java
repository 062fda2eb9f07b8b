package io.sreagent.prometheus.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {

    private final MetricCatalog catalog = MetricCatalog.standard();

    @Test
    void coversTheQueriesAnSreRuns() {
        assertThat(catalog.names()).contains("memory_working_set", "memory_limit", "memory_working_set_ratio",
                "cpu_usage_ratio", "cpu_throttled_ratio", "restarts_increase_1h", "last_terminated_reason",
                "volume_available_bytes", "volume_available_ratio", "request_rate", "error_ratio", "latency_p99",
                "hpa_current_replicas", "hpa_max_replicas", "hpa_saturation", "deployment_available_replicas");
        assertThat(catalog.find("latency_p99")).get().extracting(CatalogQuery::unit).isEqualTo("seconds");
        assertThat(catalog.find("nope")).isEmpty();
    }

    @Test
    void renderLeavesNoPlaceholderAndSelectsTheWorkload() {
        Workload w = new Workload("shop", "cart-.*", "cart");
        for (CatalogQuery q : catalog.queries()) {
            String promql = q.render(w);
            assertThat(promql).as(q.name()).doesNotContain("{namespace}", "{pod}", "{container}", "{workload}")
                    .contains("namespace=\"shop\"");
            // balanced brackets and quotes: a cheap syntax sanity check (the real check runs in testkit)
            assertThat(count(promql, '(')).as(q.name()).isEqualTo(count(promql, ')'));
            assertThat(count(promql, '{')).as(q.name()).isEqualTo(count(promql, '}'));
            assertThat(count(promql, '"') % 2).as(q.name()).isZero();
        }
        assertThat(catalog.find("memory_limit").orElseThrow().render(w))
                .contains("pod=~\"cart-.*\"", "container=~\"cart\"", "resource=\"memory\"");
        assertThat(catalog.find("deployment_available_replicas").orElseThrow().render(w))
                .contains("deployment=~\"cart\"");
    }

    @Test
    void renderEscapesValuesAndMatchesAnyContainerWhenNoneIsGiven() {
        CatalogQuery q = catalog.find("memory_working_set").orElseThrow();
        String any = q.render(new Workload("shop", "cart-.*", null));
        assertThat(any).contains("container=~\".+\"");
        String hostile = q.render(new Workload("a\"b", "x\\d{2}", "c.d"));
        assertThat(hostile).contains("namespace=\"a\\\"b\"", "pod=~\"x\\\\d{2}\"", "container=~\"c\\\\.d\"");
    }

    @Test
    void aValueContainingAPlaceholderIsNotSubstitutedTwice() {
        CatalogQuery q = new CatalogQuery("t", "d", QueryKind.INSTANT, "m{pod=~\"{pod}\",namespace=\"{namespace}\"}",
                "x");
        assertThat(q.render(new Workload("ns", "{namespace}", null)))
                .isEqualTo("m{pod=~\"{namespace}\",namespace=\"ns\"}");
    }

    @Test
    void workloadValidatesAndDerivesItsName() {
        assertThat(new Workload("shop", "cart-.*", null).workloadName()).isEqualTo("cart");
        assertThat(Workload.of("shop", "cart").podRegex()).isEqualTo("cart-.*");
        assertThatThrownBy(() -> new Workload(" ", "cart-.*", null)).hasMessageContaining("namespace");
        assertThatThrownBy(() -> new Workload("shop", "", null)).hasMessageContaining("pod regex");
        assertThatThrownBy(() -> new MetricCatalog(List.of(catalog.queries().get(0), catalog.queries().get(0))))
                .hasMessageContaining("used twice");
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
