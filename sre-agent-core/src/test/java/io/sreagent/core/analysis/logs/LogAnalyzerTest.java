package io.sreagent.core.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.incident.Category;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogAnalyzerTest {

    static List<LogLine> lines(String... text) {
        return Arrays.stream(text).map(LogLine::of).toList();
    }

    static SignatureHit only(LogSummary s) {
        assertThat(s.signatures()).hasSize(1);
        return s.signatures().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // Java
        "java OOM | Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space | OUT_OF_MEMORY | OOM_KILLED",
        "java DNS | java.net.UnknownHostException: payments-db: Name or service not known | NAME_RESOLUTION | DNS_FAILURE",
        "java PKIX | javax.net.ssl.SSLHandshakeException: PKIX path validation failed: validity check failed | CERTIFICATE | CERTIFICATE_EXPIRED",
        "java refused | java.net.ConnectException: Connection refused (Connection refused) | CONNECTION_REFUSED | DEPENDENCY_UNAVAILABLE",
        "java timeout | java.net.SocketTimeoutException: Read timed out | TIMEOUT | DEPENDENCY_UNAVAILABLE",
        // Go
        "go refused | dial tcp 10.0.3.7:5432: connect: connection refused | CONNECTION_REFUSED | DEPENDENCY_UNAVAILABLE",
        "go DNS | dial tcp: lookup payments-db on 10.96.0.10:53: no such host | NAME_RESOLUTION | DNS_FAILURE",
        "go DNS timeout | dial tcp: lookup postgres on 10.96.0.10:53: read udp 10.52.1.14:53258->10.96.0.10:53: i/o timeout | NAME_RESOLUTION | DNS_FAILURE",
        "go x509 | Get \"https://api.internal:8443/v1\": x509: certificate has expired or is not yet valid | CERTIFICATE | CERTIFICATE_EXPIRED",
        "go disk | write /data/wal/0001: no space left on device | DISK_FULL | DISK_FULL",
        "go deadline | rpc error: code = DeadlineExceeded desc = context deadline exceeded | TIMEOUT | DEPENDENCY_UNAVAILABLE",
        "go fatal | level=fatal msg=\"cannot load config\" err=\"missing key\" | FATAL | APP_CRASH",
        // Python
        "python DNS | socket.gaierror: [Errno -3] Temporary failure in name resolution | NAME_RESOLUTION | DNS_FAILURE",
        "python ssl | ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired | CERTIFICATE | CERTIFICATE_EXPIRED",
        "python disk | OSError: [Errno 28] No space left on device: '/tmp/upload' | DISK_FULL | DISK_FULL",
        "python OOM | MemoryError | OUT_OF_MEMORY | OOM_KILLED",
        // Node
        "node refused | Error: connect ECONNREFUSED 10.96.12.4:6379 | CONNECTION_REFUSED | DEPENDENCY_UNAVAILABLE",
        "node DNS | Error: getaddrinfo ENOTFOUND payments-db | NAME_RESOLUTION | DNS_FAILURE",
        "node OOM | FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory | OUT_OF_MEMORY | OOM_KILLED",
        "node disk | Error: ENOSPC: no space left on device, write | DISK_FULL | DISK_FULL",
    })
    void recognisesSignature(String name, String line, ErrorSignature sig, Category category) {
        SignatureHit hit = only(LogAnalyzer.analyze(lines("starting server on :8080", line), null));
        assertThat(hit.signature()).isEqualTo(sig);
        assertThat(hit.category()).isEqualTo(category);
        assertThat(hit.examples()).containsExactly(line);
    }

    @Test
    void ordinaryLinesCarryNoSignature() {
        LogSummary s = LogAnalyzer.analyze(lines("GET /healthz 200 1ms", "cache refreshed: 120 entries",
                "connected to postgres at db:5432", "timeout configured to 30s"), null);
        assertThat(s.signatures()).isEmpty();
    }

    @Test
    void javaStackTraceIsOneEventWithItsCause() {
        LogSummary s = LogAnalyzer.analyze(lines(
                "2026-01-01 10:00:00 ERROR OrderService - failed to load orders",
                "org.springframework.dao.DataAccessResourceFailureException: could not connect",
                "\tat org.springframework.jdbc.support.SQLStateSQLExceptionTranslator.doTranslate(SQLStateSQLExceptionTranslator.java:105)",
                "\tat com.shop.OrderRepository.findAll(OrderRepository.java:42)",
                "Caused by: java.net.UnknownHostException: postgres.shop.svc.cluster.local",
                "\tat java.base/java.net.InetAddress.getAllByName0(InetAddress.java:1305)",
                "\t... 12 more",
                "2026-01-01 10:00:01 INFO  OrderService - retrying"), null);
        assertThat(s.lines()).isEqualTo(8);
        assertThat(s.events()).isEqualTo(3);
        SignatureHit hit = only(s);
        assertThat(hit.signature()).isEqualTo(ErrorSignature.NAME_RESOLUTION);
        assertThat(hit.dependencies()).containsOnlyKeys("postgres.shop.svc.cluster.local");
        assertThat(hit.examples().get(0)).startsWith("org.springframework.dao").contains("\tat com.shop");
    }

    @Test
    void goPanicIsOneEvent() {
        LogSummary s = LogAnalyzer.analyze(lines(
                "panic: runtime error: invalid memory address or nil pointer dereference",
                "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a2b3c]",
                "",
                "goroutine 1 [running]:",
                "main.(*Server).handle(0x0, 0xc000012345)",
                "\t/app/server.go:42 +0x1d",
                "main.main()",
                "\t/app/main.go:10 +0x25",
                "exit status 2"), null);
        assertThat(s.events()).isEqualTo(2);
        SignatureHit hit = only(s);
        assertThat(hit.signature()).isEqualTo(ErrorSignature.PANIC);
        assertThat(hit.category()).isEqualTo(Category.APP_CRASH);
    }

    @Test
    void pythonTracebackIsOneEventEndingWithTheExceptionLine() {
        LogSummary s = LogAnalyzer.analyze(lines(
                "Traceback (most recent call last):",
                "  File \"/app/main.py\", line 12, in <module>",
                "    main()",
                "  File \"/app/main.py\", line 8, in main",
                "    raise ValueError(\"bad config\")",
                "ValueError: bad config",
                "worker exiting"), null);
        assertThat(s.events()).isEqualTo(2);
        SignatureHit hit = only(s);
        assertThat(hit.signature()).isEqualTo(ErrorSignature.STACK_TRACE);
        assertThat(hit.category()).isEqualTo(Category.APP_CRASH);
        assertThat(hit.examples().get(0)).contains("Traceback").contains("File \"/app/main.py\"");
    }

    @Test
    void nodeErrorWithAtFramesIsOneEventAndNamesTheDependency() {
        LogSummary s = LogAnalyzer.analyze(lines(
                "Error: connect ECONNREFUSED 10.96.12.4:6379",
                "    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)",
                "    at Socket.emit (node:events:517:28)",
                "listening on 3000"), null);
        assertThat(s.events()).isEqualTo(2);
        SignatureHit hit = only(s);
        assertThat(hit.signature()).isEqualTo(ErrorSignature.CONNECTION_REFUSED);
        assertThat(hit.primaryDependency()).contains("10.96.12.4:6379");
    }

    @Test
    void noveltyRanksTemplatesThatAppearedAfterTheIncidentFirst() {
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        List<LogLine> in = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Instant t = start.minusSeconds(600).plusSeconds(i * 60L);
            in.add(LogLine.at(t, "GET /cart 200 in " + (5 + i) + "ms"));
            if (t.isAfter(start) || t.equals(start)) {
                in.add(LogLine.at(t, "dial tcp 10.0.3.7:5432: connect: connection refused"));
            }
        }
        LogSummary s = LogAnalyzer.analyze(in, start);
        TemplateStat first = s.templates().get(0);
        assertThat(first.template().template()).contains("connection refused");
        assertThat(first.isNew()).isTrue();
        assertThat(first.novelty()).isEqualTo(1.0);
        TemplateStat steady = s.templates().get(1);
        assertThat(steady.before()).isEqualTo(10);
        assertThat(steady.after()).isEqualTo(10);
        assertThat(steady.novelty()).isBetween(0.0, 0.5);
        assertThat(s.dependencies()).containsExactly("10.0.3.7:5432");
        assertThat(s.toText(5)).contains("NEW").contains("CONNECTION_REFUSED");
    }

    @Test
    void templatesCarryTheValuesSeenAtEachVariable() {
        List<LogLine> in = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            in.add(LogLine.of("dial tcp 10.0.3." + (i % 2) + ":5432: connect: connection refused"));
        }
        TemplateStat t = LogAnalyzer.analyze(in, null).templates().get(0);
        assertThat(t.template().count()).isEqualTo(8);
        assertThat(t.template().variables()).containsExactly(List.of("10.0.3.0:5432", "10.0.3.1:5432"));
    }

    @Test
    void noveltyFormula() {
        assertThat(LogAnalyzer.novelty(0, 3, 10, 10)).isEqualTo(1.0);
        assertThat(LogAnalyzer.novelty(3, 0, 10, 10)).isEqualTo(0.0);
        assertThat(LogAnalyzer.novelty(5, 5, 10, 10)).isEqualTo(0.5);
        assertThat(LogAnalyzer.novelty(1, 9, 10, 10)).isEqualTo(0.9);
    }

    @Test
    void secretsInLinesNeverReachTheSummary() {
        LogSummary s = LogAnalyzer.analyze(lines(
                "connecting to postgres://orders:S3cr3tPass@db:5432/orders failed: connection refused",
                "login with password=hunter2 failed"), null);
        assertThat(s.toText(10)).doesNotContain("S3cr3tPass").doesNotContain("hunter2");
        assertThat(s.templates().toString()).doesNotContain("S3cr3tPass").doesNotContain("hunter2");
        assertThat(s.signatures().toString()).doesNotContain("S3cr3tPass");
    }
}
