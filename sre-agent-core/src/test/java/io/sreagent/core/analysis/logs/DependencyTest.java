package io.sreagent.core.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DependencyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dial tcp 10.0.3.7:5432: connect: connection refused | 10.0.3.7:5432",
        "dial tcp: lookup payments-db on 10.96.0.10:53: no such host | payments-db",
        "dial tcp: lookup postgres.retail.svc on 10.96.0.10:53: read udp 10.52.1.14:53258->10.96.0.10:53: i/o timeout | postgres.retail.svc",
        "failed to connect to postgres.shop.svc.cluster.local:5432: connection refused | postgres.shop.svc.cluster.local:5432",
        "Error: connect ECONNREFUSED 127.0.0.1:6379 | 127.0.0.1:6379",
        "Error: getaddrinfo ENOTFOUND payments-db | payments-db",
        "java.net.UnknownHostException: inventory.shop.svc | inventory.shop.svc",
        "HTTPConnectionPool(host='payments', port=8080): Max retries exceeded | payments:8080",
        "Error 111 connecting to redis:6379. Connection refused. | redis:6379",
        "Get \"http://catalog:8080/items\": dial tcp: i/o timeout | catalog:8080",
        "curl: (6) Could not resolve host: api.example.com | api.example.com",
    })
    void extractsTheDependency(String line, String expected) {
        assertThat(Dependency.extract(line)).map(Dependency::toString).contains(expected);
    }

    @Test
    void stackFramesAreNotHosts() {
        assertThat(Dependency.extract("\tat sun.security.validator.PKIXValidator.doValidate(PKIXValidator.java:369)")).isEmpty();
        assertThat(Dependency.extract("  File \"worker.py\", line 12 main.go:88 handler.js:41")).isEmpty();
        assertThat(Dependency.extract("at Foo.bar(Foo.java:12) calling payments:8443")).map(Dependency::toString)
                .contains("payments:8443");
    }

    @Test
    void timesAreNotHosts() {
        assertThat(Dependency.extract("12:30:45 connection refused")).isEmpty();
        assertThat(Dependency.extract(null)).isEmpty();
    }

    @Test
    void serviceNameIsTheFirstLabelOfANameButNotOfAnAddress() {
        assertThat(Dependency.extract("dial tcp postgres.shop.svc.cluster.local:5432: connection refused")
                .flatMap(Dependency::serviceName)).contains("postgres");
        assertThat(Dependency.extract("dial tcp 10.0.3.7:5432: connection refused").flatMap(Dependency::serviceName))
                .isEmpty();
    }
}
