package io.sreagent.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.support.Json;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ArgumentRepairTest {

    static final JsonNode SCHEMA = tree("""
            {"type": "object", "properties": {"namespace": {"type": "string"}, "pod_name": {"type": "string"},
             "tail_lines": {"type": "integer"}, "previous": {"type": "boolean"}, "selector": {"type": "object"}},
             "required": ["namespace", "pod_name"]}""");

    static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void rightArgumentsPassUnchanged() throws Exception {
        ArgumentRepair.Repaired r = ArgumentRepair.repair("{\"namespace\": \"shop\", \"pod_name\": \"a\"}", SCHEMA);
        assertThat(r.repairs()).isEmpty();
        assertThat(r.arguments().toString()).isEqualTo("{\"namespace\":\"shop\",\"pod_name\":\"a\"}");
    }

    @Test
    void almostRightArgumentsAreRepaired() throws Exception {
        String raw = "\"{\\\"Namespace\\\": \\\"shop\\\", \\\"podName\\\": \\\"a\\\", \\\"tail_lines\\\": \\\"50\\\", "
                + "\\\"previous\\\": \\\"TRUE\\\", \\\"selector\\\": \\\"{\\\\\\\"app\\\\\\\": \\\\\\\"cart\\\\\\\"}\\\",}\"";
        ArgumentRepair.Repaired r = ArgumentRepair.repair(raw, SCHEMA);
        assertThat(r.arguments().path("namespace").asText()).isEqualTo("shop");
        assertThat(r.arguments().path("pod_name").asText()).isEqualTo("a");
        assertThat(r.arguments().path("tail_lines").isIntegralNumber()).isTrue();
        assertThat(r.arguments().path("previous").asBoolean()).isTrue();
        assertThat(r.arguments().path("selector").path("app").asText()).isEqualTo("cart");
        assertThat(r.repairs()).contains("read the object sent as a JSON string", "read 'Namespace' as 'namespace'",
                "read 'podName' as 'pod_name'", "removed a trailing comma");
    }

    @Test
    void aMissingRequiredArgumentIsNamedWithTheSchema() {
        assertThatThrownBy(() -> ArgumentRepair.repair("{\"namespace\": \"shop\"}", SCHEMA))
                .isInstanceOf(ArgumentRepair.Unrepairable.class)
                .hasMessageContaining("missing required argument pod_name")
                .hasMessageContaining("tail_lines (integer, optional)");
    }

    @Test
    void brokenJsonIsLocatedAndNotEchoed() {
        assertThatThrownBy(() -> ArgumentRepair.repair("{\"namespace\": \"top-secret-value\" \"x\"", SCHEMA))
                .hasMessageContaining("not valid JSON at line 1").hasMessageNotContaining("top-secret-value");
        assertThatThrownBy(() -> ArgumentRepair.repair("[1, 2]", SCHEMA)).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> ArgumentRepair.repair("{\"namespace\": \"a\", \"pod_name\": \"b\", \"tail_lines\": \"many\"}", SCHEMA))
                .hasMessageContaining("tail_lines must be an integer");
    }

    @Property(tries = 300, seed = "20261203")
    void anyInputGivesArgumentsOrATypedError(@ForAll String raw) {
        try {
            ArgumentRepair.Repaired r = ArgumentRepair.repair(raw, SCHEMA);
            assertThat(r.arguments().has("namespace")).isTrue();
        } catch (ArgumentRepair.Unrepairable e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
