package io.sreagent.core.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.support.Json;
import io.sreagent.core.tool.Approval;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.tool.Tools;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafetyInterceptorTest {

    private final List<Boolean> dryRunsSeen = new ArrayList<>();
    private final AuditTrail audit = AuditTrail.inMemory();

    private ToolRegistry registry(SafetyPolicy policy) {
        return ToolRegistry.builder()
                .register(Tools.of("k8s.scale", "scales", Tools.schema().build(), SafetyClass.MUTATING, inv -> {
                    dryRunsSeen.add(!inv.mayMutate());
                    return ToolResult.ok(Json.object().put("dry_run", !inv.mayMutate()), "ok");
                }))
                .interceptor(new SafetyInterceptor(policy, audit, Clock.systemUTC()))
                .build();
    }

    @Test
    void anUnapprovedCallIsForcedToDryRunAndAudited() {
        ToolInvocation notDry = new ToolInvocation("k8s.scale", Json.object().put("replicas", 3), "agent", false, null);
        registry(SafetyPolicy.defaults().withDryRun(false)).invoke(notDry);
        assertThat(dryRunsSeen).containsExactly(true);
        assertThat(audit.entries()).singleElement().satisfies(e -> {
            assertThat(e.dryRun()).isTrue();
            assertThat(e.toolId()).isEqualTo("k8s.scale");
        });
    }

    @Test
    void anApprovedCallChangesOnlyWhenThePolicyIsNotDryRun() {
        Approval ok = new Approval("act-1", "alice", Instant.now());
        ToolInvocation approved = new ToolInvocation("k8s.scale", Json.object(), "agent", false, ok);
        registry(SafetyPolicy.defaults()).invoke(approved);
        registry(SafetyPolicy.defaults().withDryRun(false)).invoke(approved);
        assertThat(dryRunsSeen).containsExactly(true, false);
        assertThat(audit.entries()).extracting(AuditEntry::approvedBy).containsExactly("alice", "alice");
    }
}
