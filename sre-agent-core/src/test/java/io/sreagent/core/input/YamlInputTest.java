package io.sreagent.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class YamlInputTest {

    /** A block-style "billion laughs": about 1 KB that expands to 10^9 nodes. */
    static String aliasBomb() {
        StringBuilder y = new StringBuilder("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int i = 1; i <= 9; i++) {
            y.append("a").append(i).append(": &a").append(i).append('\n');
            for (int j = 0; j < 10; j++) {
                y.append("  - *a").append(i - 1).append('\n');
            }
        }
        return y.toString();
    }

    /** A smaller bomb that stays under the alias count but not under the expansion budget. */
    static String wideBomb() {
        StringBuilder y = new StringBuilder("a0: &a0 [" + "x, ".repeat(40) + "x]\n");
        for (int i = 1; i <= 4; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(19))
                    .append("*a").append(i - 1).append("]\n");
        }
        return y.toString();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    void refusesAnAliasBombBeforeExpandingIt() {
        assertThatThrownBy(() -> YamlInput.documents(aliasBomb(), "cluster.yaml", YamlInput.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("cluster.yaml").hasMessageContaining("alias");
        assertThatThrownBy(() -> YamlInput.documents(wideBomb(), "cluster.yaml", YamlInput.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("expand to more than");
    }

    @Test
    void expandsModestAliasesAndMergeKeys() {
        JsonNode n = YamlInput.single("""
                base: &base {image: cart:1.4, port: 8080}
                a: *base
                b:
                  <<: *base
                  port: 9090
                mode: 0644
                flag: on
                quoted: "0644"
                big: 123456789012345678901234567890
                """, "x.yaml");
        assertThat(n.path("a").path("image").asText()).isEqualTo("cart:1.4");
        assertThat(n.path("b").path("port").asInt()).isEqualTo(9090);
        assertThat(n.path("b").path("image").asText()).isEqualTo("cart:1.4");
        assertThat(n.path("mode").asInt()).isEqualTo(420);
        assertThat(n.path("flag").isTextual()).isTrue();
        assertThat(n.path("quoted").asText()).isEqualTo("0644");
        assertThat(n.path("big").isBigInteger()).isTrue();
    }

    @Test
    void aDuplicateKeyIsAnErrorNamingTheKeyAndTheLine() {
        assertThatThrownBy(() -> YamlInput.single("workflow:\n  max_turns: 3\nworkflow:\n  dry_run: false\n", "c.yaml"))
                .isInstanceOf(InputException.class).hasMessageContaining("duplicate key 'workflow'")
                .hasMessageContaining("line 3");
    }

    @Test
    void syntaxErrorsSayWhereWithoutEchoingTheContent() {
        assertThatThrownBy(() -> YamlInput.single("token: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n  - [unclosed: {", "c.yaml"))
                .isInstanceOf(InputException.class).hasMessageContaining("line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789"));
    }

    @Test
    void readsEveryDocumentWithItsLine() {
        List<YamlInput.Document> docs = YamlInput.documents("a: 1\n---\nb: 2\n---\n", "m.yaml", YamlInput.DEFAULT);
        assertThat(docs).hasSizeGreaterThanOrEqualTo(2);
        assertThat(docs.get(1).tree().path("b").asInt()).isEqualTo(2);
        assertThat(docs.get(1).line()).isEqualTo(3);
    }

    @Test
    void refusesDeepNesting() {
        String deep = "[".repeat(200) + "]".repeat(200);
        assertThatThrownBy(() -> YamlInput.single(deep, "d.yaml")).isInstanceOf(InputException.class);
    }
}
