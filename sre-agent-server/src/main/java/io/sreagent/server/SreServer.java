package io.sreagent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.input.InputException;
import io.sreagent.core.input.InputFiles;
import io.sreagent.core.input.JsonInput;
import io.sreagent.core.input.KubernetesNames;
import io.sreagent.core.support.Json;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.workflow.ApprovalException;
import io.sreagent.workflow.SreWorkflow;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP API over one {@link SreWorkflow} (see {@code cli-and-api.md}): {@code POST /decide} (alias
 * {@code /decision}), {@code POST /execute}, {@code GET /incidents/{id}}, {@code GET /workflow/info},
 * {@code GET /health}.
 *
 * <p>Embeddable: a host builds it from its workflow and {@link #start}s it (or mounts {@link #app()}'s routes).
 * Bad input is a 4xx with {@code {"error", "field"}}, never a 5xx: bodies are bounded in size before they are read,
 * decoded as strict UTF-8, parsed with bounded depth, and checked field by field (unknown fields are errors). With
 * tokens configured, every endpoint but {@code /health} needs {@code Authorization: Bearer TOKEN} (compared in constant
 * time, never logged); without one the server binds loopback only. Thread-safe.
 */
public final class SreServer implements AutoCloseable {

    /** The largest request body read: 1 MiB. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /** Endpoints that need no token. */
    /**
     * Served without a token: health, the API documents, the web page (it asks for the token itself) and the
     * WebSocket, which authenticates with its first message (a browser cannot set headers on it, and a token must
     * not go into a URL).
     */
    private static final Set<String> OPEN = Set.of("/health", "/healthz", "/readyz", "/openapi.json", "/docs", "/redoc",
            "/", ChatSocket.PATH);

    /** Static files served from the class path (no CDN): Swagger UI from its webjar, ReDoc vendored. */
    private static final Map<String, String> STATIC = Map.of(
            "swagger-ui/swagger-ui-bundle.js", "META-INF/resources/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js",
            "swagger-ui/swagger-ui.css", "META-INF/resources/webjars/swagger-ui/5.34.1/swagger-ui.css",
            "redoc/redoc.standalone.js", "io/sreagent/server/static/redoc/redoc.standalone.js",
            "app.js", "io/sreagent/server/web/app.js",
            "app.css", "io/sreagent/server/web/app.css");

    /** The kinds a trigger may name: what the workflow can analyse. */
    static final Set<String> KINDS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job",
            "CronJob", "Node", "Service", "PersistentVolumeClaim", "HorizontalPodAutoscaler", "Ingress");

    static final Set<String> DECIDE_FIELDS = Set.of("event_type", "namespace", "resource_name", "resource_kind",
            "event_data");
    static final Set<String> EXECUTE_FIELDS = Set.of("incident_id", "action_id", "approved_by");
    static final Set<String> DENY_FIELDS = Set.of("incident_id", "action_id", "denied_by");

    private final SreWorkflow workflow;
    private final Map<String, String> tokens;
    private final IncidentRunner runner;
    private final Duration decideWait;
    private final BackendHealth health;
    private final Javalin app;
    private final ChatSocket chat;
    private final Approver approver;

    private SreServer(Builder b) {
        this.workflow = b.workflow;
        this.tokens = Map.copyOf(b.tokens);
        this.chat = new ChatSocket(workflow, this::identity, !tokens.isEmpty());
        this.approver = b.approver != null ? b.approver : workflow::execute;
        this.runner = new IncidentRunner(workflow, b.concurrency, b.queue, b.dedupWindow, chat);
        this.decideWait = b.decideWait;
        this.health = b.health;
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
        });
        app.before(this::authenticate);
        app.get("/health", ctx -> json(ctx, 200, health.report().put("tools", workflow.info().path("tools").size())));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(resource("io/sreagent/server/openapi.json")));
        app.get("/docs", ctx -> ctx.html(page("Swagger UI", "<link rel=\"stylesheet\" href=\"/static/swagger-ui/swagger-ui.css\">",
                "<div id=\"ui\"></div><script src=\"/static/swagger-ui/swagger-ui-bundle.js\"></script>"
                        + "<script>SwaggerUIBundle({url: '/openapi.json', dom_id: '#ui'});</script>")));
        app.get("/redoc", ctx -> ctx.html(page("ReDoc", "", "<redoc spec-url=\"/openapi.json\"></redoc>"
                + "<script src=\"/static/redoc/redoc.standalone.js\"></script>")));
        app.get("/static/<file>", ctx -> {
            String path = STATIC.get(ctx.pathParam("file"));
            if (path == null) {
                throw new ApiError(404, "no static file " + ctx.pathParam("file"), null);
            }
            ctx.contentType(path.endsWith(".css") ? "text/css" : "text/javascript").result(resource(path));
        });
        app.post("/decide", this::decide);
        app.post("/decision", this::decide);
        app.post("/execute", this::execute);
        app.post("/deny", this::deny);
        app.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").header("Content-Security-Policy", CSP)
                .result(resource("io/sreagent/server/web/index.html")));
        app.ws(ChatSocket.PATH, chat::configure);
        app.get("/incidents/{id}/evidence", ctx -> json(ctx, 200, workflow.evidence(ctx.pathParam("id"))
                .orElseThrow(() -> new ApiError(404, "no incident " + ctx.pathParam("id"), "id"))));
        app.get("/workflow/info", ctx -> json(ctx, 200, workflow.info()));
        app.get("/incidents", this::incidents);
        app.get("/incidents/{id}", ctx -> {
            String id = ctx.pathParam("id");
            Optional<Decision> d = workflow.incident(id);
            if (d.isPresent()) {
                ObjectNode record = Json.mapper().valueToTree(d.get());
                record.set("approvals", Json.mapper().valueToTree(workflow.approvals(id)));
                json(ctx, 200, record);
            } else if (runner.running(id).isPresent()) {
                json(ctx, 202, Json.object().put("incident_id", id).put("status", "running"));
            } else {
                throw new ApiError(404, "no incident " + id, "id");
            }
        });
        app.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.getMessage(), e.field));
        app.exception(ApprovalException.class, (e, ctx) -> error(ctx, status(e), e.getMessage(), field(e)));
        app.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal failure: " + e.getClass().getSimpleName(), null));
        app.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith("application/json")) {
                error(ctx, 404, "no endpoint " + ctx.method() + " " + ctx.path(), null);
            }
        });
        app.error(413, ctx -> error(ctx, 413, "the body is larger than " + MAX_BODY_BYTES + " bytes", null));
    }

    /** A server over {@code workflow} with no token: it may listen on loopback only. */
    public static SreServer create(SreWorkflow workflow) {
        return builder(workflow).build();
    }

    /**
     * A server over {@code workflow} that requires one of {@code tokens} (token to the identity recorded with an
     * approval, such as a team's name).
     */
    public static SreServer create(SreWorkflow workflow, Map<String, String> tokens) {
        return builder(workflow).tokens(tokens).build();
    }

    /** Starts a server over {@code workflow}. */
    public static Builder builder(SreWorkflow workflow) {
        return new Builder(workflow);
    }

    /** Builds a {@link SreServer}. */
    public static final class Builder {
        private final SreWorkflow workflow;
        private final Map<String, String> tokens = new LinkedHashMap<>();
        private int concurrency = Math.max(2, Runtime.getRuntime().availableProcessors());
        private int queue = 64;
        private Duration decideWait = Duration.ofSeconds(30);
        private Duration dedupWindow = Duration.ofSeconds(60);
        private BackendHealth health = BackendHealth.none();
        private Approver approver;

        private Builder(SreWorkflow workflow) {
            this.workflow = Objects.requireNonNull(workflow, "workflow");
        }

        /**
         * Where a person's approval goes (default: the workflow executes it at once). The operator writes it into the
         * Incident resource instead, so that the replica leading its shard acts on it.
         */
        public Builder approver(Approver a) {
            this.approver = java.util.Objects.requireNonNull(a, "approver");
            return this;
        }

        /** Bearer tokens (token to the identity recorded with an approval); each at least 16 characters. */
        public Builder tokens(Map<String, String> more) {
            for (Map.Entry<String, String> t : more.entrySet()) {
                if (t.getKey() == null || t.getKey().length() < 16) {
                    throw new IllegalArgumentException("an API token must have at least 16 characters");
                }
                tokens.put(t.getKey(), Objects.requireNonNull(t.getValue(), "identity"));
            }
            return this;
        }

        /** Incidents diagnosed at once (default: the cores, at least 2). */
        public Builder concurrency(int n) {
            this.concurrency = positive(n, "concurrency");
            return this;
        }

        /** Incidents waiting beyond which {@code /decide} answers 429 (default 64). */
        public Builder queue(int n) {
            this.queue = positive(n, "queue");
            return this;
        }

        /** How long {@code /decide} waits for a decision before answering 202 with the id to poll (default 30 s). */
        public Builder decideWait(Duration d) {
            this.decideWait = Objects.requireNonNull(d, "decideWait");
            return this;
        }

        /** The backend checks {@code /health} reports (default none; see {@link BackendHealth#of}). */
        public Builder health(BackendHealth h) {
            this.health = Objects.requireNonNull(h, "health");
            return this;
        }

        /** How long an identical trigger after a run reuses its decision (default 60 s). */
        public Builder dedupWindow(Duration d) {
            this.dedupWindow = Objects.requireNonNull(d, "dedupWindow");
            return this;
        }

        private static int positive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, was " + n);
            }
            return n;
        }

        /** The server (not yet listening). */
        public SreServer build() {
            return new SreServer(this);
        }
    }

    /**
     * Starts listening on {@code host}:{@code port} (0 for a free port).
     *
     * @throws IllegalStateException when no token is configured and {@code host} is not a loopback address
     */
    public SreServer start(String host, int port) {
        if (tokens.isEmpty() && !loopback(host)) {
            throw new IllegalStateException("--host " + host + " is not a loopback address and no API token is set: set "
                    + "SRE_AGENT_API_TOKEN (or --api-token-file) to listen beyond this machine");
        }
        app.start(host, port);
        return this;
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    /** The Javalin application, for a host that mounts further routes. */
    public Javalin app() {
        return app;
    }

    /** How many incident runs have started (identical triggers share one). */
    public int runsStarted() {
        return runner.runsStarted();
    }

    @Override
    public void close() {
        app.stop();
        chat.close();
        runner.close();
        health.close();
    }

    /** Whether {@code host} names a loopback address (the only ones a server without a token listens on). */
    public static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    // --- endpoints -------------------------------------------------------------------------------------------

    private void decide(Context ctx) {
        ObjectNode body = body(ctx, DECIDE_FIELDS);
        String kind = string(body, "resource_kind", true);
        if (!KINDS.contains(kind)) {
            throw new ApiError(422, "unknown resource kind; one of " + new java.util.TreeSet<>(KINDS), "resource_kind");
        }
        String name = string(body, "resource_name", true);
        KubernetesNames.nameProblem("resource_name", name).ifPresent(p -> {
            throw new ApiError(422, p, "resource_name");
        });
        String namespace = string(body, "namespace", !"Node".equals(kind));
        if (namespace != null) {
            KubernetesNames.namespaceProblem("namespace", namespace).ifPresent(p -> {
                throw new ApiError(422, p, "namespace");
            });
        }
        String eventType = string(body, "event_type", false);
        JsonNode data = body.get("event_data");
        if (data != null && !data.isNull() && !data.isObject()) {
            throw new ApiError(422, "must be an object", "event_data");
        }
        Trigger trigger = new Trigger(eventType, namespace, kind, name, data);
        IncidentRunner.Run run;
        try {
            run = runner.submit(trigger);
        } catch (RejectedExecutionException e) {
            ctx.header("Retry-After", "5");
            throw new ApiError(429, "too many incidents in flight; retry after 5 s", null);
        }
        try {
            json(ctx, 200, run.decision().get(decideWait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            json(ctx, 202, Json.object().put("incident_id", run.id()).put("status", "running")
                    .put("poll", "/incidents/" + run.id()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "the server is stopping", null);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the run of " + run.id() + " failed", e.getCause());
        }
    }

    private void incidents(Context ctx) {
        int limit = intParam(ctx, "limit", 20, 1, 500);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        List<Decision> all = workflow.recentIncidents();
        var list = Json.mapper().createArrayNode();
        for (Decision d : all.stream().skip(offset).limit(limit).toList()) {
            list.addObject().put("incident_id", d.incidentId()).put("category", d.rootCause().category().name())
                    .put("resource", String.valueOf(d.rootCause().resource())).put("confidence", d.confidence())
                    .put("actions_awaiting", d.actions().stream()
                            .filter(a -> a.status() == io.sreagent.core.incident.ActionStatus.AWAITING_APPROVAL).count());
        }
        ObjectNode o = Json.object().put("total", all.size()).put("offset", offset).put("limit", limit);
        o.set("incidents", list);
        json(ctx, 200, o);
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new ApiError(400, "must be within " + min + ".." + max, name);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "must be an integer", name);
        }
    }

    private void deny(Context ctx) {
        ObjectNode body = body(ctx, DENY_FIELDS);
        String incident = string(body, "incident_id", true);
        String action = string(body, "action_id", true);
        String deniedBy = string(body, "denied_by", true);
        String identity = ctx.attribute("identity");
        json(ctx, 200, workflow.deny(incident, action, identity == null ? deniedBy : deniedBy + " (as " + identity + ")"));
    }

    private void execute(Context ctx) {
        ObjectNode body = body(ctx, EXECUTE_FIELDS);
        String incident = string(body, "incident_id", true);
        String action = string(body, "action_id", true);
        String approvedBy = string(body, "approved_by", true);
        String identity = ctx.attribute("identity");
        String who = identity == null ? approvedBy : approvedBy + " (as " + identity + ")";
        json(ctx, 200, approver.approve(incident, action, who));
    }

    // --- plumbing --------------------------------------------------------------------------------------------

    private static byte[] resource(String path) {
        try (var in = SreServer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing from the server's jar");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Carries out a person's approval of an action; answers the action as it then stands. */
    @FunctionalInterface
    public interface Approver {
        /**
         * @throws ApprovalException as {@link SreWorkflow#execute} does
         */
        ProposedAction approve(String incidentId, String actionId, String approvedBy);
    }

    /** The web page loads only its own files, opens only its own WebSocket, and runs no inline script. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static String page(String title, String head, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>sre-agent " + title + "</title>" + head
                + "</head><body>" + body + "</body></html>";
    }

    private void authenticate(Context ctx) {
        if (tokens.isEmpty() || OPEN.contains(ctx.path()) || ctx.path().startsWith("/static/")) {
            return;
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        Optional<String> identity = identity(given);
        if (identity.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "missing or wrong bearer token", "Authorization");
        }
        ctx.attribute("identity", identity.get());
    }

    /** The identity of {@code token}, if it is one of the server's tokens. */
    private Optional<String> identity(String token) {
        String identity = null;
        byte[] g = sha256(token);
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            // Every token is compared, in constant time over equal-length digests: nothing leaks which one is close.
            if (MessageDigest.isEqual(g, sha256(t.getKey())) && identity == null) {
                identity = t.getValue();
            }
        }
        return Optional.ofNullable(identity);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request body as a JSON object holding only {@code allowed} fields. */
    private static ObjectNode body(Context ctx, Set<String> allowed) {
        long length = ctx.contentLength();
        if (length > MAX_BODY_BYTES) {
            throw new ApiError(413, "the body is larger than " + MAX_BODY_BYTES + " bytes", null);
        }
        JsonNode n;
        try {
            n = JsonInput.parse(InputFiles.decodeUtf8(ctx.bodyAsBytes(), "body"), "body");
        } catch (InputException e) {
            throw new ApiError(400, e.problem() + (e.position().isEmpty() ? "" : " at " + e.position()), null);
        } catch (RuntimeException e) {
            throw new ApiError(400, "the body cannot be read as JSON", null);
        }
        if (n == null || !n.isObject()) {
            throw new ApiError(400, "the body must be a JSON object", null);
        }
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new ApiError(422, "unknown field; expected " + new java.util.TreeSet<>(allowed), f);
            }
        }
        return (ObjectNode) n;
    }

    private static String string(ObjectNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ApiError(422, "is required", field);
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ApiError(422, "must be a non-empty string", field);
        }
        return v.asText();
    }

    private static int status(ApprovalException e) {
        if (e instanceof ApprovalException.UnknownIncident || e instanceof ApprovalException.UnknownAction) {
            return 404;
        }
        return e instanceof ApprovalException.NotAwaitingApproval ? 409 : 400;
    }

    private static String field(ApprovalException e) {
        if (e instanceof ApprovalException.UnknownIncident) {
            return "incident_id";
        }
        if (e instanceof ApprovalException.UnknownAction || e instanceof ApprovalException.NotAwaitingApproval) {
            return "action_id";
        }
        return "approved_by";
    }

    private static void json(Context ctx, int status, Object value) {
        ctx.status(status).contentType("application/json").result(Json.write(value));
    }

    private static void error(Context ctx, int status, String message, String field) {
        ObjectNode o = Json.object().put("error", message);
        if (field != null) {
            o.put("field", field);
        }
        json(ctx, status, o);
    }

    /** A request the server refuses, with its status and the field at fault. */
    static final class ApiError extends RuntimeException {
        final int status;
        final String field;

        ApiError(int status, String message, String field) {
            super(message);
            this.status = status;
            this.field = field;
        }
    }
}
