package io.sreagent.workflow;

import io.sreagent.core.incident.Decision;
import io.sreagent.core.workflow.WorkflowState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a workflow keeps its incidents: the decision as it stands (actions updated as people approve them) and the
 * run's state, which {@link SreWorkflow#execute} needs to review an approval against the evidence. The default keeps
 * them in memory; {@link FileIncidentStore} keeps them on disk, so pending approvals survive a restart.
 * Implementations are thread-safe.
 */
public interface IncidentStore {

    /** One stored incident. */
    record Stored(Decision decision, WorkflowState state) {
        public Stored {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(state, "state");
        }
    }

    /** Saves (or replaces) an incident. */
    void save(Stored incident);

    /** An incident by id. */
    Optional<Stored> load(String incidentId);

    /** The most recent incidents, newest first, at most {@code max}. */
    List<Stored> recent(int max);

    /** An in-memory store keeping the last {@code keep} incidents. */
    static IncidentStore inMemory(int keep) {
        return new IncidentStore() {
            private final Map<String, Stored> incidents = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
                    return size() > keep;
                }
            };

            @Override
            public synchronized void save(Stored incident) {
                String id = incident.decision().incidentId();
                if (incidents.containsKey(id)) {
                    incidents.replace(id, incident);
                } else {
                    incidents.put(id, incident);
                }
            }

            @Override
            public synchronized Optional<Stored> load(String incidentId) {
                return Optional.ofNullable(incidents.get(incidentId));
            }

            @Override
            public synchronized List<Stored> recent(int max) {
                List<Stored> all = new ArrayList<>(incidents.values());
                Collections.reverse(all);
                return List.copyOf(all.subList(0, Math.min(max, all.size())));
            }
        };
    }
}
