package io.sreagent.core.tool;

import java.util.List;

/**
 * What discovery saw of one provider: where it came from and whether it loaded.
 *
 * @param id       the provider's id (or its class name if it could not be instantiated)
 * @param namespace the namespace of its tools ("?" if it could not be instantiated)
 * @param version  its version
 * @param source   the jar or directory it was loaded from
 * @param loaded   whether its tools were registered
 * @param toolIds  the tools it contributed
 * @param failure  why it was skipped, or null
 */
public record ProviderReport(String id, String namespace, String version, String source, boolean loaded,
                             List<String> toolIds, String failure) {
    public ProviderReport {
        toolIds = List.copyOf(toolIds);
    }
}
