package io.sreagent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.sreagent.core.event.RunEvent;
import io.sreagent.core.incident.ActionStatus;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.input.InputException;
import io.sreagent.core.input.JsonInput;
import io.sreagent.core.redaction.Redactor;
import io.sreagent.core.support.Json;
import io.sreagent.workflow.SreWorkflow;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The web chat's WebSocket, {@value #PATH}. Protocol, one JSON object per message:
 * <ul>
 *   <li>the browser's Origin must be the server's own (else the socket is closed, 1008); a client that sends no
 *       Origin (not a browser) is let in;</li>
 *   <li>with tokens configured, the first message must be {@code {"type":"auth","token":"..."}}; anything else, or a
 *       wrong token, closes the socket (4401). The token never goes into a URL;</li>
 *   <li>the server answers {@code {"type":"ready"}}, then pushes {@code {"type":"incident", ...}} when a run starts
 *       and when it is decided, and {@code {"type":"event","incident_id","event":{...}}} for every event of every run
 *       (turns, messages, tool calls and results, handoffs, model calls, the decision) as it happens;</li>
 *   <li>{@code {"type":"ask","incident_id","question"}} is answered by {@code {"type":"answer","incident_id",
 *       "chunk","done":false}} messages, then one with {@code "done":true}.</li>
 * </ul>
 * Everything sent is redacted. Thread-safe.
 */
final class ChatSocket implements AutoCloseable {

    /** Where the socket is served. */
    static final String PATH = "/ws/chat";
    /** Bound on one message from a client. */
    static final int MAX_MESSAGE_CHARS = 16_384;
    private static final String AUTHED = "authed";

    private final SreWorkflow workflow;
    private final Function<String, Optional<String>> identity;
    private final boolean needsToken;
    private final Redactor redactor = new Redactor();
    private final Map<String, WsContext> sessions = new ConcurrentHashMap<>();
    private final ExecutorService answers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "sre-agent-chat");
        t.setDaemon(true);
        return t;
    });

    ChatSocket(SreWorkflow workflow, Function<String, Optional<String>> identity, boolean needsToken) {
        this.workflow = workflow;
        this.identity = identity;
        this.needsToken = needsToken;
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            if (!sameOrigin(ctx.header("Origin"), ctx.header("Host"))) {
                ctx.closeSession(1008, "origin not allowed");
                return;
            }
            ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(30));
            sessions.put(ctx.sessionId(), ctx);
            if (!needsToken) {
                ctx.attribute(AUTHED, Boolean.TRUE);
                send(ctx, Json.object().put("type", "ready"));
            }
        });
        ws.onMessage(ctx -> receive(ctx, ctx.message()));
        ws.onClose(ctx -> sessions.remove(ctx.sessionId()));
        ws.onError(ctx -> sessions.remove(ctx.sessionId()));
    }

    /** A run started. */
    void started(String incidentId, Trigger trigger) {
        ObjectNode o = Json.object().put("type", "incident").put("incident_id", incidentId).put("status", "running")
                .put("started_at", java.time.Instant.now().toString());
        o.set("trigger", Json.mapper().valueToTree(redactor.redactTrigger(trigger)));
        broadcast(o);
    }

    /** A run ended with {@code d}. */
    void decided(Decision d) {
        broadcast(summary(d).put("type", "incident").put("status", "decided"));
    }

    /** An event of the run of {@code incidentId}. */
    void event(String incidentId, RunEvent e) {
        ObjectNode o = Json.object().put("type", "event").put("incident_id", incidentId);
        o.set("event", redactor.redactTree(Json.mapper().valueToTree(e)));
        broadcast(o);
    }

    /** The list entry of a decision, as {@code GET /incidents} gives it. */
    static ObjectNode summary(Decision d) {
        ObjectNode o = Json.object().put("incident_id", d.incidentId()).put("category", d.rootCause().category().name())
                .put("resource", String.valueOf(d.rootCause().resource())).put("confidence", d.confidence())
                .put("actions_awaiting", d.actions().stream().filter(a -> a.status() == ActionStatus.AWAITING_APPROVAL).count());
        o.set("trigger", Json.mapper().valueToTree(d.trigger()));
        return o;
    }

    private void receive(WsContext ctx, String text) {
        JsonNode m;
        try {
            if (text.length() > MAX_MESSAGE_CHARS) {
                throw new InputException("message", "", "is longer than " + MAX_MESSAGE_CHARS + " characters");
            }
            m = JsonInput.parse(text, "message");
        } catch (InputException e) {
            error(ctx, e.getMessage());
            return;
        }
        String type = m.path("type").asText("");
        if (!Boolean.TRUE.equals(ctx.attribute(AUTHED))) {
            Optional<String> who = "auth".equals(type) ? identity.apply(m.path("token").asText("")) : Optional.empty();
            if (who.isEmpty()) {
                send(ctx, Json.object().put("type", "error").put("error", "unauthorized: send {\"type\":\"auth\","
                        + "\"token\":...} with a valid token first"));
                ctx.closeSession(4401, "unauthorized");
                return;
            }
            ctx.attribute(AUTHED, Boolean.TRUE);
            send(ctx, Json.object().put("type", "ready").put("identity", who.get()));
            return;
        }
        switch (type) {
            case "auth" -> send(ctx, Json.object().put("type", "ready"));
            case "ask" -> ask(ctx, m.path("incident_id").asText(""), m.path("question").asText(""));
            default -> error(ctx, "unknown message type; send ask {incident_id, question}");
        }
    }

    private void ask(WsContext ctx, String incidentId, String question) {
        if (question.isBlank()) {
            error(ctx, "question is empty");
            return;
        }
        answers.execute(() -> {
            Optional<String> answer = workflow.ask(incidentId, question);
            if (answer.isEmpty()) {
                error(ctx, "no incident " + incidentId.replaceAll("[^A-Za-z0-9-]", "?"));
                return;
            }
            // Streamed a line at a time, so a long answer shows as it comes (a model's answer arrives whole).
            for (String line : answer.get().split("(?<=\n)")) {
                send(ctx, Json.object().put("type", "answer").put("incident_id", incidentId).put("chunk", line)
                        .put("done", false));
            }
            send(ctx, Json.object().put("type", "answer").put("incident_id", incidentId).put("done", true));
        });
    }

    private void error(WsContext ctx, String message) {
        send(ctx, Json.object().put("type", "error").put("error", message));
    }

    private void broadcast(ObjectNode o) {
        String text = o.toString();
        for (WsContext ctx : sessions.values()) {
            if (Boolean.TRUE.equals(ctx.attribute(AUTHED))) {
                send(ctx, text);
            }
        }
    }

    private static void send(WsContext ctx, ObjectNode o) {
        send(ctx, o.toString());
    }

    private static void send(WsContext ctx, String text) {
        // Jetty's remote endpoint takes one blocking send at a time: runs and answers send from several threads.
        synchronized (ctx.session) {
            if (ctx.session.isOpen()) {
                try {
                    ctx.send(text);
                } catch (RuntimeException e) {
                    ctx.closeSession();
                }
            }
        }
    }

    /** A browser's Origin must name this server (scheme http or https, the Host it asked for). */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return ("http".equals(o.getScheme()) || "https".equals(o.getScheme())) && host != null
                    && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        answers.shutdownNow();
    }
}
