package io.sreagent.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the README's agent test and runs its test method, so the README's testing guide cannot rot. */
class ReadmeAgentTestTest {

    @TempDir
    Path tmp;

    static String block(String marker) throws Exception {
        Path readme = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && readme == null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("sre-agent-core"))) {
                readme = p.resolve("README.md");
            }
        }
        String text = Files.readString(readme);
        int at = text.indexOf(marker);
        assertThat(at).as("README holds " + marker).isNotNegative();
        int start = text.indexOf("```java\n", at) + "```java\n".length();
        return text.substring(start, text.indexOf("```", start));
    }

    /** Compiles the README block after {@code marker} as {@code className} and runs its test {@code method}. */
    String compileAndRun(String marker, String className, String method) throws Exception {
        String source = block(marker);
        Path src = tmp.resolve(className + ".java");
        Files.writeString(src, source);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, diagnostics, "-d", tmp.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> test = loader.loadClass(className);
            Constructor<?> c = test.getDeclaredConstructor();
            c.setAccessible(true);
            Method m = test.getDeclaredMethod(method);
            m.setAccessible(true);
            m.invoke(c.newInstance()); // throws (and fails this test) if the README's assertions fail
        }
        return source;
    }

    @Test
    void theReadmeAgentTestCompilesAndPasses() throws Exception {
        String source = compileAndRun("<!-- readme-agent-test -->", "OomAgentTest", "spotsTheOomKill");
        // The test method itself (from @Test to its closing brace) stays under 20 lines.
        String method = source.substring(source.indexOf("@Test"), source.lastIndexOf("}"));
        assertThat(method.lines().filter(l -> !l.isBlank()).count()).isLessThan(20);
    }

    @Test
    void theReadmeWorkflowTestCompilesAndPasses() throws Exception {
        compileAndRun("<!-- readme-workflow-test -->", "TicketsInTheWorkflowTest",
                "theHostsAgentIsCreditedAndTheRootCauseStaysRight");
    }
}
