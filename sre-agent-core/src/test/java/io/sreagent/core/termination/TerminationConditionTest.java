package io.sreagent.core.termination;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.message.HandoffMessage;
import io.sreagent.core.message.Message;
import io.sreagent.core.message.StopMessage;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.testing.Fixtures;
import io.sreagent.core.workflow.TokenUsage;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TerminationConditionTest {

    private final WorkflowContext wf = new WorkflowContext("inc", Fixtures.trigger());

    private TerminationState state(int messages, Set<String> reported) {
        return new TerminationState(messages, 1, wf, reported);
    }

    private static List<Message> text(String s) {
        return List.of(new TextMessage("a", Fixtures.NOW, s));
    }

    @Test
    void andFiresOnlyAfterBothPartsFiredInDifferentTurns() {
        TerminationCondition both = Terminations.textMention("DONE").and(Terminations.handoffTo("approver"));

        assertThat(both.check(text("DONE with logs"), state(1, Set.of()))).isEmpty();
        // The mention is latched: a later turn without it still counts it.
        assertThat(both.check(text("nothing"), state(2, Set.of()))).isEmpty();
        var fired = both.check(List.of(new HandoffMessage("a", Fixtures.NOW, "approver", "")), state(3, Set.of()));

        assertThat(fired).hasValueSatisfying(r -> assertThat(r.condition()).isEqualTo("text_mention and handoff"));
    }

    @Test
    void resetForgetsTheLatchedParts() {
        TerminationCondition both = Terminations.textMention("DONE").and(Terminations.handoffTo("approver"));
        both.check(text("DONE"), state(1, Set.of()));
        both.reset();

        assertThat(both.check(List.of(new HandoffMessage("a", Fixtures.NOW, "approver", "")), state(1, Set.of()))).isEmpty();
    }

    @Test
    void orFiresWhenEitherFires() {
        TerminationCondition either = Terminations.maxMessages(5).or(Terminations.textMention("STOP"));
        assertThat(either.check(text("go"), state(2, Set.of()))).isEmpty();
        assertThat(either.check(text("STOP now"), state(3, Set.of()))).isPresent();
        assertThat(either.check(text("go"), state(5, Set.of()))).hasValueSatisfying(r ->
                assertThat(r.condition()).isEqualTo("max_messages"));
    }

    @Test
    void highConfidenceReadsTheBestHypothesis() {
        TerminationCondition c = Terminations.highConfidence(0.9);
        wf.setHypotheses(List.of(new Hypothesis(Category.OOM_KILLED, ResourceRef.of("Deployment", "shop", "cart"), 0.6, "", List.of())));
        assertThat(c.check(List.of(), state(1, Set.of()))).isEmpty();
        wf.setHypotheses(List.of(new Hypothesis(Category.OOM_KILLED, ResourceRef.of("Deployment", "shop", "cart"), 0.95, "", List.of())));
        assertThat(c.check(List.of(), state(1, Set.of()))).isPresent();
    }

    @Test
    void allTeamsReportedWaitsForEveryName() {
        TerminationCondition c = Terminations.allReported(Set.of("logs", "metrics"));
        assertThat(c.check(List.of(), state(1, Set.of("logs")))).isEmpty();
        assertThat(c.check(List.of(), state(1, Set.of("logs", "metrics", "triage")))).isPresent();
    }

    @Test
    void criticalErrorFiresOnACriticalStop() {
        TerminationCondition c = Terminations.criticalError();
        assertThat(c.check(List.of(new StopMessage("a", Fixtures.NOW, "done")), state(1, Set.of()))).isEmpty();
        assertThat(c.check(List.of(new StopMessage("a", Fixtures.NOW, "critical: cluster unreachable")), state(1, Set.of())))
                .isPresent();
    }

    @Test
    void tokenBudgetFiresOnceSpent() {
        TerminationCondition c = Terminations.tokenBudget(1000);
        wf.addTokens(new TokenUsage(600, 300));
        assertThat(c.check(List.of(), state(1, Set.of()))).isEmpty();
        wf.addTokens(new TokenUsage(100, 0));
        assertThat(c.check(List.of(), state(1, Set.of()))).hasValueSatisfying(r -> assertThat(r.condition()).isEqualTo("token_budget"));
    }

    @Test
    void externalCancelFromAnotherThreadFiresTheNextCheck() throws Exception {
        Terminations.External ext = Terminations.external();
        assertThat(ext.check(List.of(), state(1, Set.of()))).isEmpty();
        Thread t = new Thread(() -> ext.cancel("operator pressed stop"));
        t.start();
        t.join();
        assertThat(ext.check(List.of(), state(1, Set.of()))).hasValueSatisfying(r ->
                assertThat(r.message()).isEqualTo("operator pressed stop"));
    }
}
