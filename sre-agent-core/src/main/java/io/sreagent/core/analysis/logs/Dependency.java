package io.sreagent.core.analysis.logs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host (and port, when given) that a failing log line points at, such as {@code 10.0.3.7:5432},
 * {@code postgres.shop.svc.cluster.local:5432} or {@code payments-db}.
 *
 * @param host the host name or IP address as written
 * @param port the port, or -1 when the line gave none
 */
public record Dependency(String host, int port) {

    public Dependency {
        Objects.requireNonNull(host, "host");
    }

    /** {@code host:port}, or {@code host} without a port. */
    @Override
    public String toString() {
        return port < 0 ? host : host + ":" + port;
    }

    /**
     * The Kubernetes Service name the host most likely refers to: the first label of a name
     * ({@code postgres.shop.svc.cluster.local} → {@code postgres}); empty for an IP address.
     */
    public Optional<String> serviceName() {
        if (IPV4.matcher(host).matches() || host.contains(":")) {
            return Optional.empty();
        }
        int dot = host.indexOf('.');
        return Optional.of(dot < 0 ? host : host.substring(0, dot));
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final String HOST = "([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9_-]+)*)";

    /** Specific shapes first: they name the dependency even when the line also holds other addresses. */
    private static final List<Pattern> SPECIFIC = List.of(
            // Go: lookup payments-db on 10.96.0.10:53: no such host
            Pattern.compile("lookup " + HOST + "(?: on [^\\s:]+:\\d+)?: (?:no such host|server misbehaving|[^\"\\n]*?i/o timeout)"),
            // Go: dial tcp 10.0.3.7:5432: connect: connection refused / dial tcp: lookup redis ...
            Pattern.compile("dial (?:tcp|udp)[46]? " + HOST + ":(\\d{1,5})"),
            // Node: connect ECONNREFUSED 10.0.0.5:6379 / getaddrinfo ENOTFOUND payments-db
            Pattern.compile("(?:ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH) " + HOST + ":(\\d{1,5})"),
            Pattern.compile("getaddrinfo (?:ENOTFOUND|EAI_AGAIN) " + HOST),
            // Java: UnknownHostException: payments-db, Connection refused: redis/10.0.0.5:6379
            Pattern.compile("UnknownHostException: " + HOST),
            // Python requests/urllib3: HTTPConnectionPool(host='payments', port=80)
            Pattern.compile("host='" + HOST + "', port=(\\d{1,5})"),
            // curl and others: Could not resolve host: api.example.com
            Pattern.compile("(?i)could not resolve host:? " + HOST),
            // "connect to host db port 5432", "connection to server at "db" (10.0.0.1), port 5432 failed"
            Pattern.compile("(?i)connection to server at \"?" + HOST + "\"?(?: \\([^)]*\\))?, port (\\d{1,5})"),
            Pattern.compile("(?i)(?:connect(?:ing)? to|connection to|failed to connect to) " + HOST + ":(\\d{1,5})"));

    /** Any host:port: a name starting with a letter or an IPv4 address, followed by a port. */
    private static final Pattern HOST_PORT = Pattern.compile(
            "(?<![\\w.:/-])((?:\\d{1,3}(?:\\.\\d{1,3}){3})|(?:[A-Za-z][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*)):(\\d{2,5})(?![\\d:])");

    /** URL host: scheme://host[:port]. */
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/\\s]*@)?" + HOST + "(?::(\\d{1,5}))?");

    /**
     * The dependency {@code text} points at, if any. Specific phrasings ({@code dial tcp}, {@code lookup},
     * {@code ECONNREFUSED}, {@code UnknownHostException}, ...) win over any other host:port in the text.
     */
    public static Optional<Dependency> extract(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String t = text.length() > 4_096 ? text.substring(0, 4_096) : text;
        for (Pattern p : SPECIFIC) {
            Matcher m = p.matcher(t);
            if (m.find()) {
                return Optional.of(of(m.group(1), m.groupCount() >= 2 ? m.group(2) : null));
            }
        }
        Matcher m = URL.matcher(t);
        if (m.find()) {
            return Optional.of(of(m.group(1), m.group(2)));
        }
        m = HOST_PORT.matcher(t);
        while (m.find()) {
            String host = m.group(1);
            if (!isTimeLike(host) && !isSourceFile(host)) {
                return Optional.of(of(host, m.group(2)));
            }
        }
        return Optional.empty();
    }

    /** A stack frame's {@code File.java:123} looks like host:port but names a source file. */
    private static final Pattern SOURCE_FILE = Pattern.compile(
            "(?i).+\\.(java|kt|scala|groovy|py|go|js|mjs|cjs|ts|rb|cs|cpp|cc|c|h|rs|php|swift)$");

    private static boolean isSourceFile(String host) {
        return SOURCE_FILE.matcher(host).matches();
    }

    private static boolean isTimeLike(String host) {
        return host.chars().allMatch(Character::isDigit);
    }

    private static Dependency of(String host, String port) {
        int p = -1;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -1;
            }
        }
        return new Dependency(host, p > 65_535 ? -1 : p);
    }
}
