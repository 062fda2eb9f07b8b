package io.sreagent.testkit.k8s.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.sreagent.testkit.scenario.LogStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dispatcher of the embedded cluster: fabric8's CRUD store plus what a real API server does and the store does
 * not: pod logs, field selectors on lists, and dry-run ({@code dryRun=All}) that validates and returns the would-be
 * object but persists nothing.
 *
 * <p>Thread-safe as far as the CRUD dispatcher is; this class keeps no mutable state of its own.
 */
public final class ScenarioDispatcher extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final KubernetesCrudDispatcher crud;
    private final PodLogs logs;

    /**
     * @param crud the store holding the scenario's objects
     * @param logs the scenario's log streams
     * @param now  the scenario clock, for {@code sinceSeconds}
     */
    public ScenarioDispatcher(KubernetesCrudDispatcher crud, List<LogStream> logs, Instant now) {
        this.crud = crud;
        this.logs = new PodLogs(logs, now);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        try {
            return route(request);
        } catch (RuntimeException e) {
            // Without an answer the client waits for its timeout; a 500 says at once what went wrong.
            return KubeStatus.failure(500, "InternalError", "the embedded cluster failed on " + request.getMethod() + " "
                    + request.getPath() + ": " + e, null, null);
        }
    }

    private MockResponse route(RecordedRequest request) {
        String method = request.getMethod();
        Optional<RequestPath> parsed = RequestPath.parse(request.getPath());
        if (parsed.isEmpty()) {
            return crud.dispatch(request);
        }
        RequestPath path = parsed.get();
        try {
            if (method.equals("GET") && "pods".equals(path.plural()) && "log".equals(path.subresource())
                    && path.name() != null && path.namespace() != null) {
                return podLog(path);
            }
            if (WRITES.contains(method) && path.query().containsKey("dryRun")) {
                String dryRun = path.query().get("dryRun");
                if (!dryRun.equals("All")) {
                    return KubeStatus.badRequest("Invalid dry run value: \"" + dryRun + "\"; the only valid value is All");
                }
                return dryRun(method, path, request);
            }
            if (method.equals("POST") && "pods".equals(path.plural()) && "eviction".equals(path.subresource())
                    && path.name() != null) {
                // The store would file the Eviction as an object of its own; the API server deletes the pod.
                // PodDisruptionBudgets are not consulted.
                if (stored(path.objectPath()).isEmpty()) {
                    return KubeStatus.notFound("pods", path.name());
                }
                MockResponse deleted = crud.handleDelete(path.objectPath());
                return deleted.code() < 300 ? KubeStatus.success(201) : deleted;
            }
            if (method.equals("GET") && path.name() == null && path.query().containsKey("fieldSelector")
                    && !"true".equals(path.query().get("watch"))) {
                return fieldSelected(path);
            }
        } catch (JsonProcessingException e) {
            return KubeStatus.badRequest("cannot parse the request body: " + e.getOriginalMessage());
        }
        return crud.dispatch(request);
    }

    // --- logs ------------------------------------------------------------------------------------------------------

    private MockResponse podLog(RequestPath path) throws JsonProcessingException {
        Optional<JsonNode> pod = stored(path.objectPath());
        if (pod.isEmpty()) {
            return KubeStatus.notFound("pods", path.name());
        }
        return logs.serve(path.namespace(), path.name(), pod.get(), path.query());
    }

    // --- field selectors -------------------------------------------------------------------------------------------

    private MockResponse fieldSelected(RequestPath path) throws JsonProcessingException {
        List<String[]> terms = new ArrayList<>();
        for (String term : path.query().get("fieldSelector").split(",")) {
            if (term.isBlank()) {
                continue;
            }
            String[] t;
            if (term.contains("!=")) {
                t = new String[] {term.substring(0, term.indexOf("!=")), "!=", term.substring(term.indexOf("!=") + 2)};
            } else if (term.contains("==")) {
                t = new String[] {term.substring(0, term.indexOf("==")), "=", term.substring(term.indexOf("==") + 2)};
            } else if (term.contains("=")) {
                t = new String[] {term.substring(0, term.indexOf('=')), "=", term.substring(term.indexOf('=') + 1)};
            } else {
                return KubeStatus.badRequest("invalid field selector \"" + term + "\": expected field=value or field!=value");
            }
            terms.add(t);
        }
        MockResponse all = crud.handleGet(path.without("fieldSelector"));
        if (all.code() != 200) {
            return all;
        }
        JsonNode list = JSON.readTree(all.getBody().readUtf8());
        if (!(list instanceof ObjectNode listObject) || !list.path("items").isArray()) {
            return all;
        }
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode item : list.get("items")) {
            boolean ok = true;
            for (String[] t : terms) {
                JsonNode v = item;
                for (String part : t[0].trim().split("\\.")) {
                    v = v.path(part);
                }
                String actual = v.isValueNode() ? v.asText() : "";
                ok &= t[1].equals("=") == actual.equals(t[2].trim());
            }
            if (ok) {
                kept.add(item);
            }
        }
        listObject.set("items", kept);
        return KubeStatus.json(200, listObject.toString());
    }

    // --- dry run ---------------------------------------------------------------------------------------------------

    private MockResponse dryRun(String method, RequestPath path, RecordedRequest request) throws JsonProcessingException {
        String body = request.getBody() == null ? "" : new String(request.getBody().getBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        if (method.equals("POST") && path.name() == null) {
            return dryRunCreate(path, body);
        }
        if (path.name() == null) {
            return KubeStatus.failure(405, "MethodNotAllowed", "the embedded cluster does not support dry-run " + method
                    + " on the collection " + path.collectionPath(), path.plural(), null);
        }
        Optional<JsonNode> stored = stored(path.objectPath());
        if (stored.isEmpty()) {
            return KubeStatus.notFound(path.plural(), path.name());
        }
        JsonNode current = stored.get();
        String sub = path.subresource();
        switch (method) {
            case "POST":
                if ("eviction".equals(sub) && "pods".equals(path.plural())) {
                    return KubeStatus.success(201);
                }
                return KubeStatus.failure(405, "MethodNotAllowed", "POST is not supported on " + path.objectPath()
                        + (sub == null ? "" : "/" + sub), path.plural(), path.name());
            case "DELETE":
                return KubeStatus.json(200, current.toString());
            case "PUT": {
                JsonNode update = JSON.readTree(body);
                if (!(update instanceof ObjectNode updated)) {
                    return KubeStatus.badRequest("the body of a PUT must be an object");
                }
                if ("scale".equals(sub)) {
                    return KubeStatus.json(200, updated.toString());
                }
                MockResponse conflict = checkName(path, updated, current);
                if (conflict != null) {
                    return conflict;
                }
                return KubeStatus.json(200, updated.toString());
            }
            case "PATCH": {
                JsonNode target = "scale".equals(sub) ? scaleOf(current) : current;
                JsonNode patched;
                String type = String.valueOf(request.getHeader("Content-Type"));
                try {
                    if (type.startsWith("application/json-patch+json")) {
                        patched = JsonPatch.apply(JSON.readTree(body), target);
                    } else if (type.startsWith("application/apply-patch+yaml")) {
                        patched = mergePatch(target, YAML.readTree(body));
                    } else {
                        // merge-patch and strategic-merge-patch: strategic merge is treated as a plain merge patch,
                        // which differs only for lists of objects with merge keys (documented in EmbeddedCluster).
                        patched = mergePatch(target, JSON.readTree(body));
                    }
                } catch (RuntimeException e) {
                    return KubeStatus.failure(422, "Invalid", "the patch cannot be applied: " + e.getMessage(),
                            path.plural(), path.name());
                }
                if (!(patched instanceof ObjectNode po)) {
                    return KubeStatus.failure(422, "Invalid", "the patch does not leave an object", path.plural(),
                            path.name());
                }
                MockResponse conflict = checkName(path, po, target);
                return conflict != null ? conflict : KubeStatus.json(200, po.toString());
            }
            default:
                return KubeStatus.badRequest("unsupported method " + method);
        }
    }

    private MockResponse dryRunCreate(RequestPath path, String body) throws JsonProcessingException {
        JsonNode object = JSON.readTree(body);
        if (!(object instanceof ObjectNode o) || !o.path("metadata").isObject()) {
            return KubeStatus.failure(422, "Invalid", "the object to create has no metadata", path.plural(), null);
        }
        ObjectNode meta = (ObjectNode) o.get("metadata");
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            if (meta.path("generateName").asText("").isEmpty()) {
                return KubeStatus.failure(422, "Invalid", "metadata.name: Required value: name or generateName is required",
                        path.plural(), null);
            }
            name = meta.get("generateName").asText() + "dryrun";
            meta.put("name", name);
        }
        if (path.namespace() != null) {
            if (meta.hasNonNull("namespace") && !meta.get("namespace").asText().equals(path.namespace())) {
                return KubeStatus.badRequest("the namespace of the provided object does not match the namespace sent "
                        + "on the request");
            }
            meta.put("namespace", path.namespace());
        }
        if (stored(path.collectionPath() + "/" + name).isPresent()) {
            return KubeStatus.failure(409, "AlreadyExists", path.plural() + " \"" + name + "\" already exists",
                    path.plural(), name);
        }
        return KubeStatus.json(201, o.toString());
    }

    /** A real API server rejects an update whose name or stale resourceVersion does not match the stored object. */
    private static MockResponse checkName(RequestPath path, ObjectNode updated, JsonNode current) {
        JsonNode meta = updated.path("metadata");
        String name = meta.path("name").asText(path.name());
        if (!name.equals(path.name())) {
            return KubeStatus.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
                    + path.name() + ")");
        }
        String rv = meta.path("resourceVersion").asText("");
        String storedRv = current.path("metadata").path("resourceVersion").asText("");
        if (!rv.isEmpty() && !storedRv.isEmpty() && !rv.equals(storedRv)) {
            return KubeStatus.failure(409, "Conflict", "Operation cannot be fulfilled on " + path.plural() + " \""
                    + path.name() + "\": the object has been modified; please apply your changes to the latest "
                    + "version and try again", path.plural(), path.name());
        }
        return null;
    }

    private static JsonNode scaleOf(JsonNode object) {
        ObjectNode scale = JSON.createObjectNode();
        scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        JsonNode m = object.path("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (m.has(f)) {
                meta.set(f, m.get(f));
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(0));
        scale.putObject("status").put("replicas", object.path("status").path("replicas").asInt(0));
        return scale;
    }

    /** RFC 7386 JSON merge patch. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    private Optional<JsonNode> stored(String objectPath) throws JsonProcessingException {
        MockResponse r = crud.handleGet(objectPath);
        if (r.code() != 200) {
            return Optional.empty();
        }
        return Optional.of(JSON.readTree(r.getBody().readUtf8()));
    }
}
