package io.sreagent.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogQlTest {

    @Test
    void buildsSelectorWithEveryMatcherAndFilter() {
        String q = LogQl.selector().eq("namespace", "shop").neq("previous", "true").regex("pod", "cart-.*")
                .notRegex("container", "istio-.*").contains("error").notContains("debug").matches("timeout|refused")
                .notMatches("health").build();
        assertThat(q).isEqualTo("{namespace=\"shop\", previous!=\"true\", pod=~\"cart-.*\", container!~\"istio-.*\"}"
                + " |= \"error\" != \"debug\" |~ \"timeout|refused\" !~ \"health\"");
    }

    @Test
    void userTextCannotBreakOutOfItsString() {
        String evil = "x\"} |= \"\" or {namespace=~\".+";
        String q = LogQl.selector().eq("namespace", evil).contains("a\\b\"c\nd").build();
        assertThat(q).isEqualTo("{namespace=\"x\\\"} |= \\\"\\\" or {namespace=~\\\".+\"} |= \"a\\\\b\\\"c\\nd\"");
    }

    @Test
    void invalidLabelNamesAreRejectedWithTheName() {
        assertThatThrownBy(() -> LogQl.selector().eq("app.kubernetes.io/name", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app.kubernetes.io/name");
    }

    @Test
    void aSelectorWithoutAPositiveMatcherIsRefused() {
        assertThatThrownBy(() -> LogQl.selector().neq("previous", "true").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("non-empty value");
        assertThatThrownBy(() -> LogQl.selector().eq("namespace", "").build())
                .isInstanceOf(IllegalStateException.class);
    }
}
