package io.sreagent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM hosts import names the versions the modules are built with (it is not a child of the parent pom). */
class BomVersionsTest {

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("sre-agent-bom/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }

    @Test
    void theBomAndTheBuildAgreeOnEveryVersionTheyShare() throws Exception {
        String parent = Files.readString(root().resolve("pom.xml"));
        String bom = Files.readString(root().resolve("sre-agent-bom/pom.xml"));
        for (String name : new String[] {"langchain4j.version", "fabric8.version", "junit.version"}) {
            assertThat(property(bom, name)).as(name).isEqualTo(property(parent, name));
        }
    }
}
