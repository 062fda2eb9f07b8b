package io.sreagent.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every read and action tool refuses a namespace, name, container or node that is not a Kubernetes name before it
 * reaches a URL: {@code ../../kube-system/pods/x} must not address another namespace's object.
 */
class NameValidationTest {

    private static final List<String> NAME_ARGS = List.of("namespace", "name", "container", "node");
    private static final List<String> ATTACKS = List.of("../../kube-system/pods/coredns-1", "../secrets/db-credentials",
            "cart/../x", "cart?watch=true", "cart%2F..", "Cart", "a".repeat(300));

    private MockCluster cluster;
    private List<Tool> tools;

    @BeforeEach
    void start() {
        cluster = MockCluster.fromResource("clusters/cart-oom-killed.yaml");
        tools = KubernetesTools.create(cluster.client, KubernetesToolsConfig.from(Map.<String, String>of()::get),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** Valid arguments for every property of the schema, so that only the attacked one is wrong. */
    private static ObjectNode validArguments(Tool t) {
        ObjectNode args = Json.object();
        JsonNode props = t.argumentsSchema().path("properties");
        props.fieldNames().forEachRemaining(p -> {
            String type = props.path(p).path("type").asText("string");
            switch (type) {
                case "integer" -> args.put(p, 1);
                case "boolean" -> args.put(p, false);
                default -> args.put(p, switch (p) {
                    case "namespace" -> "shop";
                    case "kind" -> "Deployment";
                    case "host" -> "postgres";
                    case "size" -> "2Gi";
                    default -> p.contains("memory") ? "256Mi" : p.contains("cpu") ? "500m" : "cart";
                });
            }
        });
        return args;
    }

    @Test
    void everyToolRefusesANameThatIsNotAKubernetesName() {
        int checked = 0;
        List<String> accepted = new ArrayList<>();
        for (Tool t : tools) {
            ObjectNode valid = validArguments(t);
            for (String arg : NAME_ARGS) {
                if (!valid.has(arg)) {
                    continue;
                }
                for (String attack : ATTACKS) {
                    ObjectNode args = valid.deepCopy().put(arg, attack);
                    int before = cluster.server.getRequestCount();
                    ToolResult r = t.invoke(ToolInvocation.of(t.id(), args));
                    checked++;
                    if (!r.isError() || r.error().kind() != ToolError.Kind.INVALID_ARGUMENTS
                            || cluster.server.getRequestCount() != before) {
                        accepted.add(t.id() + " " + arg + "=" + attack);
                    }
                }
            }
        }
        assertThat(accepted).as("calls that were not refused before any request").isEmpty();
        assertThat(checked).as("read and action tools with name arguments were checked").isGreaterThan(60);
    }
}
