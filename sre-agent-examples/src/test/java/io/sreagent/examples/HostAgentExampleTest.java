package io.sreagent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.ResourceRef;
import org.junit.jupiter.api.Test;

class HostAgentExampleTest {

    @Test
    void theHostsAgentIsCreditedAndTheRootCauseStaysRight() {
        Decision d = HostAgentExample.diagnose();

        assertThat(d.rootCause().category()).isEqualTo(Category.OOM_KILLED);
        assertThat(d.rootCause().resource()).isEqualTo(ResourceRef.of("Deployment", "shop", "cart"));
        assertThat(d.evidence()).anySatisfy(e -> {
            assertThat(e.detail().path("agent").asText()).isEqualTo("deploy_log");
            assertThat(e.summary()).contains("1 deployment of cart");
        });
    }
}
