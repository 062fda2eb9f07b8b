package io.sreagent.core.spi;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a host hands to tool providers: configuration properties, ready-made components (a KubernetesClient, an
 * OkHttpClient) and the clock.
 *
 * <p>Immutable; build one with {@link #builder()}.
 */
public final class ToolProviderContext {

    private final Function<String, String> properties;
    private final Map<Class<?>, Object> components;
    private final Clock clock;

    private ToolProviderContext(Function<String, String> properties, Map<Class<?>, Object> components, Clock clock) {
        this.properties = properties;
        this.components = Map.copyOf(components);
        this.clock = clock;
    }

    /** A configuration value, such as {@code PROMETHEUS_URL}. */
    public Optional<String> property(String key) {
        String v = properties.apply(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** A component the host supplied, by type. */
    public <T> Optional<T> component(Class<T> type) {
        Object o = components.get(type);
        return o == null ? Optional.empty() : Optional.of(type.cast(o));
    }

    /** The clock tools must read instead of the wall clock. */
    public Clock clock() {
        return clock;
    }

    /** A context with no properties, no components and the system clock. */
    public static ToolProviderContext empty() {
        return builder().build();
    }

    /** Starts a context. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ToolProviderContext}. */
    public static final class Builder {
        private Function<String, String> properties = k -> null;
        private final Map<Class<?>, Object> components = new HashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Reads properties from {@code source} (for example {@code System::getenv}). */
        public Builder properties(Function<String, String> source) {
            this.properties = Objects.requireNonNull(source, "properties");
            return this;
        }

        /** Reads properties from a map, falling back to the previous source. */
        public Builder properties(Map<String, String> values) {
            Function<String, String> previous = this.properties;
            Map<String, String> copy = Map.copyOf(values);
            this.properties = k -> copy.containsKey(k) ? copy.get(k) : previous.apply(k);
            return this;
        }

        /** Supplies a component by type. */
        public <T> Builder component(Class<T> type, T instance) {
            components.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(instance, "instance"));
            return this;
        }

        /** The clock tools read. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The context. */
        public ToolProviderContext build() {
            return new ToolProviderContext(properties, components, clock);
        }
    }
}
