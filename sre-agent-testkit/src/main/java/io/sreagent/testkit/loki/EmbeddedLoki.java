package io.sreagent.testkit.loki;

import io.sreagent.testkit.internal.LoopbackServer;
import io.sreagent.testkit.loki.internal.LokiApi;
import io.sreagent.testkit.scenario.LogStream;
import io.sreagent.testkit.scenario.Scenario;
import java.time.Instant;
import java.util.List;

/**
 * A Loki HTTP API over a scenario's log streams, so that the real Loki tools run against a frozen incident.
 *
 * <p>Serves {@code /loki/api/v1/query_range} (stream selectors with {@code =}, {@code !=}, {@code =~}, {@code !~}
 * and chained line filters {@code |=}, {@code !=}, {@code |~}, {@code !~}; {@code start}/{@code end} in nanoseconds,
 * decimal seconds or RFC 3339, {@code since}, {@code limit}, {@code direction}), {@code /loki/api/v1/labels},
 * {@code /loki/api/v1/label/NAME/values}, {@code /loki/api/v1/series} and {@code /ready}, in Loki's JSON shapes.
 * Streams labelled {@code previous="true"} (a container's previous instance) are left out unless the selector has a
 * matcher on {@code previous}. {@code /loki/api/v1/query} answers log selectors as Loki 3 does: a 400 asking for a
 * range query. Parsers, formatters and metric queries are a 400 with a Loki-style plain-text message. Defaults that
 * Loki takes from the wall clock come from the scenario clock.
 *
 * <p>Thread-safe; close it to stop the server.
 */
public final class EmbeddedLoki implements AutoCloseable {

    private final LoopbackServer server;

    private EmbeddedLoki(LoopbackServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port over the scenario's logs (an empty API when it has none). */
    public static EmbeddedLoki start(Scenario scenario) {
        return start(scenario.logs(), scenario.now());
    }

    /** Starts a server on a free loopback port over {@code streams}, with {@code now} as the default query end. */
    public static EmbeddedLoki start(List<LogStream> streams, Instant now) {
        return new EmbeddedLoki(LoopbackServer.start("embedded Loki", new LokiApi(streams, now)));
    }

    /** The base URL, for example {@code http://127.0.0.1:41234}, without a trailing slash. */
    public String url() {
        return server.url();
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }
}
