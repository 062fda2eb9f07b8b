package io.sreagent.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTP server on a free loopback port with two daemon threads, shared by the embedded APIs. Not API. */
public final class LoopbackServer implements AutoCloseable {

    /*
     * The JDK server writes a response's headers and its body as separate segments and leaves Nagle's algorithm on
     * unless this property is set: the body then waits for the client's delayed ACK of the headers, about 40 ms a
     * call on Linux loopback, which was half of a diagnosis's wall time. The property is read once, when the first
     * server of the JVM starts; a value a host set itself is kept.
     */
    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts {@code handler} on a free loopback port; {@code what} names the server in threads and errors. */
    public static LoopbackServer start(String what, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", handler);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, what.replace(' ', '-'));
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.start();
            return new LoopbackServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + what + " on a loopback port", e);
        }
    }

    /** The base URL, for example {@code http://127.0.0.1:41234}, without a trailing slash. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The query parameters and, for a POST, the form body's, in order, decoded. */
    public static Map<String, List<String>> params(HttpExchange exchange) throws IOException {
        Map<String, List<String>> params = new LinkedHashMap<>();
        parseForm(exchange.getRequestURI().getRawQuery(), params);
        if ("POST".equals(exchange.getRequestMethod())) {
            parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
        }
        return params;
    }

    private static void parseForm(String form, Map<String, List<String>> params) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
