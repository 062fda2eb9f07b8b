package io.sreagent.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolRegistryTest {

    @TempDir
    Path tmp;

    /** A jar holding only a services file naming {@code providers}; the classes come from the test class path. */
    private ClassLoader jarWithServices(String name, String... providers) throws IOException {
        Path jar = tmp.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("META-INF/services/io.sreagent.core.spi.ToolProvider"));
            j.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void discoversAProviderFromAJarAndSkipsBrokenOnesWithAReason() throws IOException {
        ClassLoader loader = jarWithServices("tools",
                TestProviders.Good.class.getName(),
                TestProviders.Broken.class.getName(),
                "com.example.DoesNotExist");

        ToolRegistry registry = ToolRegistry.builder().discover(loader, ToolProviderContext.empty()).build();

        assertThat(registry.has("demo.echo")).isTrue();
        assertThat(registry.invoke(ToolInvocation.of("demo.echo", Json.object().put("text", "hi"))).text()).isEqualTo("hi");
        assertThat(registry.providers()).filteredOn(ProviderReport::loaded).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("demo");
            assertThat(p.source()).endsWith("/"); // test classes directory the class came from
            assertThat(p.toolIds()).containsExactly("demo.echo");
        });
        List<ProviderReport> skipped = new ArrayList<>(registry.providers());
        skipped.removeIf(ProviderReport::loaded);
        assertThat(skipped).hasSize(2);
        assertThat(skipped).anySatisfy(p -> {
            assertThat(p.id()).isEqualTo("broken");
            assertThat(p.failure()).contains("BROKEN_URL is not set");
        });
        assertThat(skipped).anySatisfy(p -> assertThat(p.failure()).contains("com.example.DoesNotExist"));
    }

    @Test
    void aDuplicateToolIdFailsNamingBothSources() throws IOException {
        ClassLoader loader = jarWithServices("dup", TestProviders.Good.class.getName(), TestProviders.Duplicate.class.getName());

        assertThatThrownBy(() -> ToolRegistry.builder().discover(loader, ToolProviderContext.empty()))
                .isInstanceOf(DuplicateToolException.class)
                .hasMessageContaining("demo.echo")
                .hasMessageContaining("provider demo")
                .hasMessageContaining("provider copycat");
    }

    @Test
    void explicitRegistrationWorksWithoutDiscoveryAndRejectsDuplicates() {
        ToolRegistry.Builder b = ToolRegistry.builder().register(TestProviders.echo());
        assertThatThrownBy(() -> b.register(TestProviders.echo()))
                .isInstanceOf(DuplicateToolException.class)
                .hasMessageContaining("explicit registration");
    }

    @Test
    void aMissingToolNamesTheArtifactThatProvidesItsNamespace() {
        ToolRegistry registry = ToolRegistry.builder().build();

        assertThatThrownBy(() -> registry.require("loki.query_range"))
                .isInstanceOf(NoSuchToolException.class)
                .hasMessage("no tool `loki.query_range`: add the artifact io.sreagent:sre-agent-tools-loki (or register its ToolProvider)");
        ToolResult r = registry.invoke(ToolInvocation.of("k8s.get_pod", null));
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.NOT_FOUND);
        assertThat(r.error().message()).contains("sre-agent-tools-k8s");
    }

    @Test
    void aDuplicateProviderIdIsRejected() throws IOException {
        ClassLoader loader = jarWithServices("same", TestProviders.Good.class.getName(), TestProviders.SameId.class.getName());

        assertThatThrownBy(() -> ToolRegistry.builder().discover(loader, ToolProviderContext.empty()))
                .isInstanceOf(DuplicateToolException.class).hasMessageContaining("provider id `demo`");
    }

    @Test
    void aProviderClaimingAReservedNamespaceOrToolsOutsideItsOwnIsRefusedWithAReason() throws IOException {
        ClassLoader loader = jarWithServices("claims", TestProviders.ClaimsK8s.class.getName(),
                TestProviders.Trespasser.class.getName());

        ToolRegistry registry = ToolRegistry.builder().discover(loader, ToolProviderContext.empty()).build();

        assertThat(registry.has("k8s.scale")).isFalse();
        assertThat(registry.has("demo.echo")).isFalse();
        assertThat(registry.providers()).anySatisfy(p -> {
            assertThat(p.id()).isEqualTo("fake-k8s");
            assertThat(p.loaded()).isFalse();
            assertThat(p.failure()).contains("reserved");
        });
        assertThat(registry.providers()).anySatisfy(p -> {
            assertThat(p.id()).isEqualTo("trespasser");
            assertThat(p.failure()).contains("outside the provider's namespace 'mine'");
        });
        // A skipped provider explains the missing tool.
        assertThat(registry.invoke(ToolInvocation.of("k8s.scale", null)).error().message())
                .contains("fake-k8s").contains("skipped").contains("reserved");
    }

    @Test
    void aProviderWhoseConstructorThrowsIsNamedWithItsJarAndReason() throws IOException {
        ClassLoader loader = jarWithServices("ctor", TestProviders.ThrowsInConstructor.class.getName());

        ToolRegistry registry = ToolRegistry.builder().discover(loader, ToolProviderContext.empty()).build();

        assertThat(registry.providers()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(TestProviders.ThrowsInConstructor.class.getName());
            assertThat(p.source()).isNotEqualTo("?").endsWith("/");
            assertThat(p.failure()).contains("constructor").contains("cannot read /etc/acme.conf");
        });
    }

    @Test
    void aMissingToolSaysWhatTheRegistryKnows() {
        ToolRegistry registry = ToolRegistry.builder().register(TestProviders.echo()).build();

        assertThat(registry.invoke(ToolInvocation.of("demo.echoo", null)).error().message())
                .contains("did you mean `demo.echo`?");
        assertThat(registry.invoke(ToolInvocation.of("demo.translate", null)).error().message())
                .contains("namespace demo has [demo.echo]");
        assertThat(registry.invoke(ToolInvocation.of("acme.tickets", null)).error().message())
                .contains("nothing provides namespace 'acme'").doesNotContain("artifact unknown");
        ToolRegistry broken = ToolRegistry.builder().provider(new TestProviders.Broken(), ToolProviderContext.empty()).build();
        assertThat(broken.invoke(ToolInvocation.of("broken.call", null)).error().message())
                .contains("provider broken").contains("was skipped").contains("BROKEN_URL is not set");
    }

    @Test
    void argumentsAreCheckedAgainstTheSchemaBeforeTheToolRuns() {
        List<ToolInvocation> seen = new ArrayList<>();
        Tool scale = Tools.of("demo.scale", "scales", Tools.schema().required("name", "what")
                        .property("replicas", "integer", "how many", true).build(), SafetyClass.MUTATING,
                inv -> {
                    seen.add(inv);
                    return ToolResult.ok(Json.object(), "ok");
                });
        ToolRegistry registry = ToolRegistry.builder().register(scale).build();

        ToolResult missing = registry.invoke(ToolInvocation.of("demo.scale", Json.object().put("replicas", 2)));
        assertThat(missing.error().kind()).isEqualTo(ToolError.Kind.INVALID_ARGUMENTS);
        assertThat(missing.error().message()).contains("`name` is required");
        ToolResult wrongType = registry.invoke(ToolInvocation.of("demo.scale", Json.object().put("name", "cart")
                .put("replicas", "many")));
        assertThat(wrongType.error().message()).contains("`replicas` must be an integer");
        assertThat(seen).isEmpty();
        assertThat(registry.invoke(ToolInvocation.of("demo.scale", Json.object().put("name", "cart").put("replicas", "3")))
                .isError()).isFalse();
    }

    @Test
    void aKnownActionDeclaredReadOnlyIsRefused() {
        Tool sneaky = Tools.of("k8s.scale", "scales", Tools.schema().build(), SafetyClass.READ_ONLY,
                inv -> ToolResult.ok(Json.object(), ""));
        assertThatThrownBy(() -> ToolRegistry.builder().register(sneaky))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("READ_ONLY").hasMessageContaining("MUTATING");
    }

    @Test
    void closingTheRegistryLetsEachLoadedProviderReleaseWhatItBuilt() {
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        io.sreagent.core.spi.ToolProvider p = new io.sreagent.core.spi.ToolProvider() {
            @Override public String id() { return "demo"; }
            @Override public String namespace() { return "demo"; }
            @Override public List<Tool> createTools(ToolProviderContext ctx) { return List.of(TestProviders.echo()); }
            @Override public void close() { closed.incrementAndGet(); }
        };
        ToolRegistry registry = ToolRegistry.builder().provider(p, ToolProviderContext.empty())
                .provider(new TestProviders.Broken(), ToolProviderContext.empty()).build();

        registry.close();

        assertThat(closed).hasValue(1);
    }

    @Test
    void aThirdPartyToolIsTakenAtItsDeclaredSafetyOnlyWhenTheHostTrustsItsProvider() {
        ToolRegistry untrusted = ToolRegistry.builder().provider(new TestProviders.Good(), ToolProviderContext.empty()).build();
        ToolRegistry trusted = ToolRegistry.builder().trustDeclaredSafety("demo")
                .provider(new TestProviders.Good(), ToolProviderContext.empty()).build();
        ToolRegistry explicit = ToolRegistry.builder().register(TestProviders.echo()).build();

        assertThat(untrusted.require("demo.echo").safety()).isEqualTo(SafetyClass.MUTATING);
        assertThat(trusted.require("demo.echo").safety()).isEqualTo(SafetyClass.READ_ONLY);
        assertThat(explicit.require("demo.echo").safety()).isEqualTo(SafetyClass.READ_ONLY);
        // Treated as mutating, an unapproved call runs as a dry-run (the tool still answers).
        List<ToolInvocation> seen = new ArrayList<>();
        ToolRegistry guarded = untrusted.withInterceptor(new io.sreagent.core.safety.SafetyInterceptor(
                io.sreagent.core.safety.SafetyPolicy.defaults().withDryRun(false), io.sreagent.core.safety.AuditTrail.inMemory(),
                java.time.Clock.systemUTC())).withInterceptor(chain -> {
                    seen.add(chain.invocation());
                    return chain.proceed(chain.invocation());
                });
        assertThat(guarded.invoke(ToolInvocation.of("demo.echo", Json.object().put("text", "hi"))).text()).isEqualTo("hi");
        assertThat(seen).singleElement().satisfies(inv -> assertThat(inv.dryRun()).isTrue());
    }

    @Test
    void interceptorsRunInOrderAndCanShortCircuit() {
        List<String> seen = new ArrayList<>();
        ToolRegistry registry = ToolRegistry.builder()
                .register(TestProviders.echo())
                .interceptor(chain -> {
                    seen.add("audit " + chain.invocation().toolId());
                    return chain.proceed(chain.invocation());
                })
                .interceptor(chain -> {
                    String text = chain.invocation().arg("text", "");
                    if (text.contains("password")) {
                        return ToolResult.error(ToolError.Kind.REFUSED, "refused to echo a secret");
                    }
                    return chain.proceed(chain.invocation().withArguments(Json.object().put("text", text.toUpperCase())));
                })
                .build();

        assertThat(registry.invoke(ToolInvocation.of("demo.echo", Json.object().put("text", "hi"))).text()).isEqualTo("HI");
        assertThat(registry.invoke(ToolInvocation.of("demo.echo", Json.object().put("text", "my password"))).error().kind())
                .isEqualTo(ToolError.Kind.REFUSED);
        assertThat(seen).containsExactly("audit demo.echo", "audit demo.echo");
    }

    @Test
    void aToolThatThrowsBecomesAnInternalError() {
        ToolRegistry registry = ToolRegistry.builder()
                .register(Tools.of("demo.crash", "crashes", Tools.schema().build(), SafetyClass.READ_ONLY,
                        inv -> { throw new IllegalStateException("bug"); }))
                .build();

        ToolResult r = registry.invoke(ToolInvocation.of("demo.crash", null));

        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.INTERNAL);
        assertThat(r.error().message()).contains("IllegalStateException: bug");
    }
}
