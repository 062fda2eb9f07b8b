package io.sreagent.core.analysis.logs;

import io.sreagent.core.incident.Category;
import java.util.List;
import java.util.Locale;

/**
 * The failure signatures recognised in log events, each with the root-cause category it suggests.
 *
 * <p>Matching is by lower-cased substrings (no regular expressions), over an event's first line and its stack
 * trace, so {@code Caused by: java.net.UnknownHostException} inside a trace counts.
 */
public enum ErrorSignature {
    /** The process ran out of memory: {@code OutOfMemoryError}, {@code Cannot allocate memory}, a JS heap OOM. */
    OUT_OF_MEMORY(Category.OOM_KILLED, "outofmemoryerror", "out of memory", "oomkilled", "oom-kill", "oom killer",
            "cannot allocate memory", "memoryerror", "heap out of memory"),
    /** A name could not be resolved: {@code no such host}, {@code UnknownHostException}, {@code ENOTFOUND}. */
    NAME_RESOLUTION(Category.DNS_FAILURE, "no such host", "unknownhostexception", "temporary failure in name resolution",
            "getaddrinfo enotfound", "name or service not known", "could not resolve host", "nodename nor servname",
            "name resolution failed", "eai_again", "server misbehaving",
            // Go's resolver: "lookup x on 10.96.0.10:53: read udp ...: i/o timeout" is DNS failing, not the peer
            ":53: read udp", ":53: dial udp", ":53: write udp"),
    /** A TLS certificate expired or failed validation: {@code x509: certificate has expired}, PKIX. */
    CERTIFICATE(Category.CERTIFICATE_EXPIRED, "certificate has expired", "certificate expired",
            "pkix path validation failed", "pkix path building failed", "certificate verify failed",
            "cert_has_expired", "certificate is not yet valid", "x509: certificate"),
    /** A filesystem is full: {@code No space left on device}, {@code ENOSPC}. */
    DISK_FULL(Category.DISK_FULL, "no space left on device", "enospc", "disk full", "disk quota exceeded"),
    /** A peer refused the connection: {@code connection refused}, {@code ECONNREFUSED}. */
    CONNECTION_REFUSED(Category.DEPENDENCY_UNAVAILABLE, "connection refused", "econnrefused",
            "connectexception", "connection reset by peer", "econnreset", "no route to host", "ehostunreach"),
    /** A call did not finish in time: {@code timed out}, {@code deadline exceeded}, {@code ETIMEDOUT}. */
    TIMEOUT(Category.DEPENDENCY_UNAVAILABLE, "timed out", "timeout exceeded", "deadline exceeded", "etimedout",
            "sockettimeoutexception", "timeoutexception", "i/o timeout", "read timeout", "connect timeout",
            "context deadline exceeded"),
    /** A Go panic. */
    PANIC(Category.APP_CRASH, "panic:"),
    /** A fatal error reported by the application. */
    FATAL(Category.APP_CRASH, "fatal", "segmentation fault", "sigsegv", "core dumped"),
    /** A stack trace (Java, Go, Python or Node) grouped with the line that started it. */
    STACK_TRACE(Category.APP_CRASH);

    private final Category category;
    private final List<String> needles;

    ErrorSignature(Category category, String... needles) {
        this.category = category;
        this.needles = List.of(needles);
    }

    /** The root-cause category this signature suggests. */
    public Category category() {
        return category;
    }

    /** The lower-case substrings that reveal this signature. */
    public List<String> needles() {
        return needles;
    }

    /**
     * The most specific signature found in {@code text} (first line and trace of one event), or null. Causes that
     * name a deeper reason (memory, DNS, certificate, disk) win over symptoms (refused, timeout, crash).
     */
    public static ErrorSignature detect(String text, boolean hasStackTrace) {
        if (text == null || text.isEmpty()) {
            return hasStackTrace ? STACK_TRACE : null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (ErrorSignature s : values()) {
            for (String n : s.needles) {
                if (lower.contains(n)) {
                    return s;
                }
            }
        }
        return hasStackTrace ? STACK_TRACE : null;
    }
}
