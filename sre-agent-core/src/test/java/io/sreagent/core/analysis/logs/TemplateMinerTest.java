package io.sreagent.core.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateMinerTest {

    @Test
    void linesDifferingOnlyInValuesShareATemplate() {
        TemplateMiner m = new TemplateMiner();
        int a = m.add("Connection to 10.0.3.7:5432 timed out after 3000ms (attempt 1)");
        int b = m.add("Connection to 192.168.1.20:6379 timed out after 250ms (attempt 12)");
        int c = m.add("Cache warmed in 12ms");
        assertThat(m.resolve(a)).isEqualTo(m.resolve(b)).isNotEqualTo(m.resolve(c));
        assertThat(m.templateText(a)).isEqualTo("Connection to <*>:<*> timed out after <*> (attempt <*>)");
        assertThat(m.count(a)).isEqualTo(2);
    }

    @Test
    void masksIdsHexUuidsPathsAndHostNames() {
        TemplateMiner m = new TemplateMiner();
        int a = m.add("request 3f2c1a9e-4b7d-4c1e-9a2f-0d8e7c6b5a41 read /var/lib/data/a.db from api.example.com"
                + " token 0x7ffe12ab");
        int b = m.add("request 8a1b2c3d-0000-4111-8222-933344445555 read /srv/b/c.db from db.shop.svc.cluster.local"
                + " token 0xdeadbeef");
        assertThat(m.resolve(a)).isEqualTo(m.resolve(b));
        assertThat(m.templateText(a)).isEqualTo("request <*> read <*> from <*> token <*>");
    }

    @Test
    void aWordSeenWithManyValuesBecomesAVariableButAFewVerbsStayApart() {
        TemplateMiner m = new TemplateMiner();
        List<String> users = List.of("alice", "bob", "carol", "dave", "erin", "frank");
        int first = -1;
        for (String u : users) {
            int id = m.add("Invalid user " + u + " from 10.1.2.3");
            first = first < 0 ? id : first;
        }
        int get = m.add("\"GET /cart HTTP/1.1\" status: 200 len: 1893");
        int post = m.add("\"POST /cart HTTP/1.1\" status: 201 len: 12");
        int get2 = m.add("\"GET /orders HTTP/1.1\" status: 200 len: 42");

        assertThat(m.templateText(first)).isEqualTo("Invalid user <*> from <*>");
        assertThat(m.count(first)).isEqualTo(users.size());
        assertThat(m.resolve(get)).isEqualTo(m.resolve(get2)).isNotEqualTo(m.resolve(post));
    }

    @Test
    void recordsCountsFirstAndLastSeenExamplesAndVariableValues() {
        TemplateMiner m = new TemplateMiner();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        m.add("boot", t0);
        int id = m.add("retry 1 of 5", t0.plusSeconds(1));
        m.add("retry 2 of 5", t0.plusSeconds(2));
        m.add("retry 3 of 5", t0.plusSeconds(3));
        LogTemplate t = m.template(id);
        assertThat(t.count()).isEqualTo(3);
        assertThat(t.firstLine()).isEqualTo(1);
        assertThat(t.lastLine()).isEqualTo(3);
        assertThat(t.firstSeen()).isEqualTo(t0.plusSeconds(1));
        assertThat(t.lastSeen()).isEqualTo(t0.plusSeconds(3));
        assertThat(t.examples()).containsExactly("retry 1 of 5", "retry 2 of 5", "retry 3 of 5");
        assertThat(t.variables()).containsExactly(List.of("1", "2", "3"), List.of("5"));
        assertThat(m.variables(id, "retry 9 of 10")).containsExactly("9", "10");
        assertThat(m.templates()).hasSize(2);
    }

    @Test
    void mergedTemplatesKeepTheirCommonPunctuation() {
        assertThat(TemplateMiner.generalize("[10.0.0.1]", "[node-a]")).isEqualTo("[<*>]");
        assertThat(TemplateMiner.generalize("<*>,", "LOCAL(<*>),")).isEqualTo("<*>,");
        assertThat(TemplateMiner.generalize("(uid=<*>)", "(gid=<*>)")).isEqualTo("(<*>=<*>)");
        assertThat(TemplateMiner.generalize("alice", "bob")).isEqualTo("<*>");
    }

    @Test
    void aWordWhereOtherLinesHoldAValueIsAValue() {
        TemplateMiner m = new TemplateMiner();
        int a = m.add("session opened for user cyrus by (uid=0)");
        int b = m.add("session opened for user root by (uid=0)");
        assertThat(m.resolve(a)).isEqualTo(m.resolve(b));
        assertThat(m.templateText(a)).isEqualTo("session opened for user <*> by (uid=<*>)");
    }

    @Test
    void everyLineMatchesTheTemplateItWasGiven() {
        List<String> lines = List.of(
                "Creating event network-vif-plugged:3f2c1a9e-4b7d-4c1e-9a2f-0d8e7c6b5a41 for instance 8a1b2c3d-0000-4111-8222-933344445555",
                "Creating event network-vif-plugged:0b1c2d3e-aaaa-bbbb-cccc-ddddeeeeffff for instance 3f2c1a9e-4b7d-4c1e-9a2f-0d8e7c6b5a41",
                "connection from 10.1.2.3 () at Sat Jun 18 02:08:10 2005",
                "connection from 10.1.2.4 (host.example.com) at Sun Jun 19 12:00:01 2005",
                "session opened for user root by (uid=0)",
                "session opened for user cyrus by (uid=0)",
                "Default file system [hdfs://msra-sa-41:9000]",
                "PacketResponder 1 for block blk_-6952295868487656571 terminating",
                "PacketResponder 0 for block blk_38865049064139660 terminating",
                "Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010",
                "keyId: -1234 expired",
                "GET /api/v1/orders?id=7 HTTP/1.1 200",
                "");
        TemplateMiner m = new TemplateMiner();
        int[] ids = lines.stream().mapToInt(m::add).toArray();
        for (int i = 0; i < lines.size(); i++) {
            String template = m.templateText(ids[i]);
            String regex = java.util.Arrays.stream(template.split("<\\*>", -1))
                    .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining(".*?"));
            assertThat(lines.get(i).replaceAll("\\s+", " ").strip())
                    .as("template %s", template).matches(java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.DOTALL));
        }
        // a second pass takes the cached path and must land in the same templates
        for (int i = 0; i < lines.size(); i++) {
            assertThat(m.resolve(m.add(lines.get(i)))).isEqualTo(m.resolve(ids[i]));
        }
    }

    @Test
    void matchDoesNotLearn() {
        TemplateMiner m = new TemplateMiner();
        int id = m.add("user 42 logged in");
        assertThat(m.match("user 7 logged in")).isEqualTo(id);
        assertThat(m.match("completely different words here")).isEqualTo(-1);
        assertThat(m.lineCount()).isEqualTo(1);
    }

    @Test
    void canonicalTemplatesFollowTheCorrectedLoghubConventions() {
        assertThat(TemplateText.canonical("open  /etc/a/b.conf  ok")).isEqualTo("open <*> ok");
        assertThat(TemplateText.canonical("size <*>.<*> KB")).isEqualTo("size <*> KB");
        assertThat(TemplateText.canonical("id=blk_<*> root=true")).isEqualTo("id=<*> <*>=<*>");
        assertThat(TemplateText.canonical("port 22 ssh2")).isEqualTo("port <*> ssh2");
    }
}
