package io.sreagent.testkit.scenario;

import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.ResourceRef;
import java.util.List;
import java.util.Optional;

/**
 * What a correct diagnosis of a scenario says (the optional {@code expected} block of {@code scenario.yaml}).
 *
 * @param category the expected category, empty when not stated
 * @param resource the object the root cause is about, empty when not stated
 * @param actions  action types of which a correct decision proposes at least one; may be empty
 */
public record Expected(Optional<Category> category, Optional<ResourceRef> resource, List<ActionType> actions) {

    public Expected {
        category = category == null ? Optional.empty() : category;
        resource = resource == null ? Optional.empty() : resource;
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
