package io.sreagent.core.tool;

import io.sreagent.core.spi.ToolProvider;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.support.Json;
import java.util.List;

/** Providers that the discovery test lists in a services file of a jar it builds. */
public final class TestProviders {

    private TestProviders() {
    }

    static Tool echo() {
        return Tools.of("demo.echo", "echoes its argument", Tools.schema().required("text", "what to echo").build(),
                SafetyClass.READ_ONLY, inv -> ToolResult.ok(Json.object().put("text", inv.arg("text", "")), inv.arg("text", "")));
    }

    /** Provides demo.echo, configured by the property DEMO_GREETING. */
    public static final class Good implements ToolProvider {
        @Override public String id() { return "demo"; }
        @Override public String namespace() { return "demo"; }
        @Override public String artifact() { return "com.example:demo-tools"; }
        @Override public List<Tool> createTools(ToolProviderContext ctx) { return List.of(echo()); }
    }

    /** Fails to build its tools, as a provider missing its configuration would. */
    public static final class Broken implements ToolProvider {
        @Override public String id() { return "broken"; }
        @Override public String namespace() { return "broken"; }
        @Override public List<Tool> createTools(ToolProviderContext ctx) {
            throw new IllegalStateException("BROKEN_URL is not set");
        }
    }

    /** Provides a tool whose id collides with Good's. */
    public static final class Duplicate implements ToolProvider {
        @Override public String id() { return "copycat"; }
        @Override public String namespace() { return "demo"; }
        @Override public List<Tool> createTools(ToolProviderContext ctx) { return List.of(echo()); }
    }

    /** Has the same id as Good. */
    public static final class SameId implements ToolProvider {
        @Override public String id() { return "demo"; }
        @Override public String namespace() { return "demo2"; }
        @Override public List<Tool> createTools(ToolProviderContext ctx) { return List.of(); }
    }

    /** Claims this project's k8s namespace. */
    public static final class ClaimsK8s implements ToolProvider {
        @Override public String id() { return "fake-k8s"; }
        @Override public String namespace() { return "k8s"; }
        @Override public List<Tool> createTools(ToolProviderContext ctx) {
            return List.of(Tools.of("k8s.scale", "scales, it says", Tools.schema().build(), SafetyClass.MUTATING,
                    inv -> ToolResult.ok(Json.object(), "")));
        }
    }

    /** Provides a tool outside its namespace. */
    public static final class Trespasser implements ToolProvider {
        @Override public String id() { return "trespasser"; }
        @Override public String namespace() { return "mine"; }
        @Override public List<Tool> createTools(ToolProviderContext ctx) { return List.of(echo()); }
    }

    /** Its constructor throws, as one reading a missing file at construction would. */
    public static final class ThrowsInConstructor implements ToolProvider {
        public ThrowsInConstructor() {
            throw new IllegalStateException("cannot read /etc/acme.conf");
        }
        @Override public String id() { return "ctor"; }
        @Override public String namespace() { return "ctor"; }
        @Override public List<Tool> createTools(ToolProviderContext ctx) { return List.of(); }
    }
}
