package io.sreagent.core.analysis.logs;

import io.sreagent.core.incident.Category;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How often one error signature appeared, with examples and the dependencies it pointed at.
 *
 * @param signature    the signature
 * @param category     the root-cause category it suggests
 * @param count        events carrying it
 * @param firstSeen    time of the first such event, or null
 * @param lastSeen     time of the last such event, or null
 * @param examples     a few events (first line, then up to a few trace lines), redacted
 * @param dependencies host[:port] to number of events naming it, most frequent first
 */
public record SignatureHit(
        ErrorSignature signature,
        Category category,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        List<String> examples,
        Map<String, Long> dependencies) {

    public SignatureHit {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(category, "category");
        examples = examples == null ? List.of() : List.copyOf(examples);
        dependencies = dependencies == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(dependencies));
    }

    /** The dependency named most often, if any. */
    public java.util.Optional<String> primaryDependency() {
        return dependencies.keySet().stream().findFirst();
    }
}
