package io.sreagent.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInterceptor;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.tool.Tools;
import org.junit.jupiter.api.Test;

class RedactingInterceptorTest {

    static ToolInterceptor.Chain chain(Tool tool, ToolInvocation inv) {
        return new ToolInterceptor.Chain() {
            @Override public Tool tool() { return tool; }
            @Override public ToolInvocation invocation() { return inv; }
            @Override public ToolResult proceed(ToolInvocation i) { return tool.invoke(i); }
        };
    }

    @Test
    void redactsTextAndEveryStringInDataButKeepsKeysAndNumbers() {
        ObjectNode data = Json.object();
        data.put("password", "hunter2");
        data.put("count", 3);
        data.putArray("lines").add("ok line").add("Authorization: Bearer abcdefghijklmnop")
                .addObject().put("dsn", "mysql://app:pa55word@mysql:3306/app");
        Tool tool = Tools.of("test.leaky", "leaks", Tools.schema().build(), SafetyClass.READ_ONLY,
                inv -> ToolResult.ok(data, "env: DB_PASSWORD=pa55word"));

        ToolResult r = new RedactingInterceptor().intercept(chain(tool, ToolInvocation.of("test.leaky", null)));

        String all = r.data().toString() + r.text();
        assertThat(all).doesNotContain("pa55word").doesNotContain("abcdefghijklmnop");
        assertThat(r.data().get("count").asInt()).isEqualTo(3);
        assertThat(r.data().get("lines").get(0).asText()).isEqualTo("ok line");
        assertThat(r.data().get("lines").get(2).get("dsn").asText()).isEqualTo("mysql://app:[REDACTED]@mysql:3306/app");
        assertThat(r.text()).isEqualTo("env: DB_PASSWORD=[REDACTED]");
        // the tool's own object is not modified
        assertThat(data.get("lines").get(1).asText()).contains("abcdefghijklmnop");
    }

    @Test
    void redactsErrorMessages() {
        Tool tool = Tools.of("test.fail", "fails", Tools.schema().build(), SafetyClass.READ_ONLY,
                inv -> ToolResult.error(ToolError.Kind.UNAVAILABLE, "cannot reach postgres://u:topsecret@db:5432"));
        ToolResult r = new RedactingInterceptor().intercept(chain(tool, ToolInvocation.of("test.fail", null)));
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.UNAVAILABLE);
        assertThat(r.error().message()).doesNotContain("topsecret");
        assertThat(r.text()).doesNotContain("topsecret");
    }
}
