package io.sreagent.testkit.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.input.InputException;
import io.sreagent.core.input.InputFiles;
import io.sreagent.core.input.KubernetesNames;
import io.sreagent.core.input.YamlInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Loads scenarios (see {@code scenario-format.md}) from a directory or from the class path.
 *
 * <p>Loading is all or nothing: every file is parsed before a {@link Scenario} is built, and the first problem is a
 * {@link ScenarioException} naming the file, the place and what was wrong. Unknown fields in {@code scenario.yaml},
 * unknown categories and unknown action types are errors.
 *
 * <p>Scenarios shipped inside a jar live under a resource base such as {@code scenarios/}; each is a folder
 * {@code scenarios/<name>/} with the same files as a directory. Because a jar cannot be listed portably, the base
 * carries an index file {@code scenarios/index.txt} with one scenario name per line ({@code #} starts a comment);
 * {@link #listResources(String, ClassLoader)} reads it (and, when there is no index and the base is a plain directory
 * on the class path, lists that directory). Stateless and thread-safe.
 */
public final class ScenarioLoader {

    /** The file name of the index of a resource base. */
    public static final String INDEX = "index.txt";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The size limit of one scenario file: 32 MiB. */
    public static final long MAX_FILE_BYTES = InputFiles.DEFAULT_MAX_BYTES;

    /** The range of a scenario's {@code now}: times a clock and Prometheus can represent. */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private ScenarioLoader() {
    }

    /**
     * Loads the scenario in {@code dir}.
     *
     * @throws ScenarioException when a file is missing, unreadable or does not parse
     */
    public static Scenario load(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            BasicFileAttributes attrs = Files.readAttributes(abs, BasicFileAttributes.class);
            if (!attrs.isDirectory()) {
                throw new ScenarioException(abs.toString(), "", "is a file, not a directory; a scenario is a directory "
                        + "holding scenario.yaml and cluster.yaml");
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(abs.toString(), "", "does not exist; a scenario is a directory holding "
                    + "scenario.yaml and cluster.yaml");
        } catch (IOException e) {
            throw new ScenarioException(abs.toString(), "", "cannot read: "
                    + (e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName()));
        }
        if (!Files.isReadable(abs) || !Files.isExecutable(abs)) {
            throw new ScenarioException(abs.toString(), "", "cannot read: permission denied");
        }
        return load(new Source() {
            @Override
            public Optional<String> read(String file) {
                Path p = abs.resolve(file);
                // A link that exists but leads nowhere (dangling or looping) is an error, not an absent file.
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(InputFiles.readString(p, MAX_FILE_BYTES));
                } catch (InputException e) {
                    throw new ScenarioException(e.file(), e.position(), e.problem());
                }
            }

            @Override
            public String name(String file) {
                return abs.resolve(file).toString();
            }
        }, abs.toString(), Optional.of(abs));
    }

    /** Loads the scenario at resource base {@code base} (for example {@code scenarios/cart-oom-killed}). */
    public static Scenario loadResource(String base) {
        return loadResource(base, defaultLoader());
    }

    /**
     * Loads the scenario at resource base {@code base} through {@code loader}.
     *
     * @throws ScenarioException when a file is missing or does not parse
     */
    public static Scenario loadResource(String base, ClassLoader loader) {
        String prefix = trimSlashes(base);
        return load(new Source() {
            @Override
            public Optional<String> read(String file) {
                try (InputStream in = loader.getResourceAsStream(prefix + "/" + file)) {
                    return in == null ? Optional.empty()
                            : Optional.of(InputFiles.decodeUtf8(in.readNBytes((int) MAX_FILE_BYTES), name(file)));
                } catch (IOException e) {
                    throw new ScenarioException(name(file), "", "cannot read: " + e.getMessage(), e);
                } catch (InputException e) {
                    throw new ScenarioException(e.file(), e.position(), e.problem());
                }
            }

            @Override
            public String name(String file) {
                return "classpath:" + prefix + "/" + file;
            }
        }, "classpath:" + prefix, Optional.empty());
    }

    /** The scenario names under resource base {@code base} (for example {@code scenarios}); see the class comment. */
    public static List<String> listResources(String base) {
        return listResources(base, defaultLoader());
    }

    /**
     * The scenario names under resource base {@code base}, from its {@code index.txt}, or from the directory listing
     * when the base is a directory on the class path and has no index.
     *
     * @throws ScenarioException when the base has neither an index nor a listable directory
     */
    public static List<String> listResources(String base, ClassLoader loader) {
        String prefix = trimSlashes(base);
        try (InputStream in = loader.getResourceAsStream(prefix + "/" + INDEX)) {
            if (in != null) {
                List<String> names = new ArrayList<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String name = line.replaceFirst("#.*", "").trim();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
                return List.copyOf(names);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + prefix + "/" + INDEX, e);
        }
        URL url = loader.getResource(prefix);
        if (url != null && "file".equals(url.getProtocol())) {
            try {
                return listDirectory(Path.of(url.toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot turn " + url + " into a path", e);
            }
        }
        throw new ScenarioException("classpath:" + prefix + "/" + INDEX, "",
                "no index of scenarios; add " + INDEX + " with one scenario name per line next to the scenario folders");
    }

    /** The names of the scenario directories (those holding a {@code scenario.yaml}) directly under {@code dir}, sorted. */
    public static List<String> listDirectory(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("scenario.yaml")))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenarios in " + dir, e);
        }
    }

    private interface Source {
        Optional<String> read(String file);

        String name(String file);
    }

    private static Scenario load(Source source, String description, Optional<Path> dir) {
        String yamlName = source.name("scenario.yaml");
        String yaml = source.read("scenario.yaml").orElseThrow(() -> new ScenarioException(yamlName, "",
                "missing; every scenario needs scenario.yaml (name, now, trigger)"));
        String clusterName = source.name("cluster.yaml");
        String cluster = source.read("cluster.yaml").orElseThrow(() -> new ScenarioException(clusterName, "",
                "missing; every scenario needs cluster.yaml (the Kubernetes objects)"));
        ScenarioFile head = parseHead(yaml, yamlName);
        List<HasMetadata> objects = parseCluster(cluster, clusterName);
        Metrics metrics = source.read("metrics.om")
                .map(t -> OpenMetricsParser.parse(t, source.name("metrics.om")))
                .orElse(Metrics.empty());
        List<LogStream> logs = source.read("logs.json")
                .map(t -> LokiPushParser.parse(t, source.name("logs.json")))
                .orElse(List.of());
        TriggerFile t = head.trigger();
        Trigger trigger = new Trigger(t.eventType(), t.namespace(), t.resourceKind(), t.resourceName(), t.eventData());
        Optional<Expected> expected = Optional.ofNullable(head.expected()).map(e -> new Expected(
                Optional.ofNullable(e.category()),
                Optional.ofNullable(e.resource()).map(r -> new ResourceRef(r.kind(), r.namespace(), r.name())),
                e.actions()));
        return new Scenario(head.name(), head.description(), head.now(), trigger, expected, description, dir, objects,
                metrics, logs);
    }

    // --- scenario.yaml -------------------------------------------------------------------------------------------

    private record ScenarioFile(@JsonProperty(value = "name", required = true) String name,
                                @JsonProperty("description") String description,
                                @JsonProperty(value = "now", required = true) Instant now,
                                @JsonProperty(value = "trigger", required = true) TriggerFile trigger,
                                @JsonProperty("expected") ExpectedFile expected) {
    }

    private record TriggerFile(@JsonProperty("event_type") String eventType,
                               @JsonProperty("namespace") String namespace,
                               @JsonProperty(value = "resource_kind", required = true) String resourceKind,
                               @JsonProperty(value = "resource_name", required = true) String resourceName,
                               @JsonProperty("event_data") ObjectNode eventData) {
    }

    private record ExpectedFile(@JsonProperty("category") Category category,
                                @JsonProperty("resource") RefFile resource,
                                @JsonProperty("actions") List<ActionType> actions) {
    }

    private record RefFile(@JsonProperty(value = "kind", required = true) String kind,
                           @JsonProperty("namespace") String namespace,
                           @JsonProperty(value = "name", required = true) String name) {
    }

    private static ScenarioFile parseHead(String yaml, String file) {
        ScenarioFile head;
        try {
            YamlInput.Document doc = YamlInput.singleDocument(yaml, file);
            JsonNode tree = doc == null ? null : doc.tree();
            if (tree == null || tree.isNull()) {
                throw new ScenarioException(file, "", "empty; expected name, now and trigger");
            }
            if (!tree.isObject()) {
                throw new ScenarioException(file, "", "expected a mapping with name, now and trigger, got "
                        + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            // Without aliases the text is read again by Jackson, whose errors give lines; with them, from the tree.
            head = doc.aliases() ? YAML.treeToValue(tree, ScenarioFile.class) : YAML.readValue(yaml, ScenarioFile.class);
        } catch (InputException e) {
            throw new ScenarioException(e.file(), e.position(), e.problem());
        } catch (JsonProcessingException e) {
            throw located(file, e);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new ScenarioException(file, "now", "not a time that can be represented; write an ISO-8601 instant "
                    + "such as 2026-03-01T10:00:00Z");
        }
        requirePresent(file, "name", head.name());
        requirePresent(file, "now", head.now());
        requirePresent(file, "trigger", head.trigger());
        if (head.now().isBefore(EARLIEST) || head.now().isAfter(LATEST)) {
            throw new ScenarioException(file, "now", "must be between " + EARLIEST + " and " + LATEST);
        }
        if (!head.name().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new ScenarioException(file, "name", "name '" + head.name() + "' is not kebab-case (a-z, 0-9, '-')");
        }
        TriggerFile t = head.trigger();
        requirePresent(file, "trigger.resource_kind", t.resourceKind());
        requirePresent(file, "trigger.resource_name", t.resourceName());
        if (t.namespace() != null) {
            KubernetesNames.namespaceProblem("trigger.namespace", t.namespace()).ifPresent(p -> {
                throw new ScenarioException(file, "trigger.namespace", p);
            });
        }
        KubernetesNames.nameProblem("trigger.resource_name", t.resourceName()).ifPresent(p -> {
            throw new ScenarioException(file, "trigger.resource_name", p);
        });
        if (head.expected() != null && head.expected().actions() != null && head.expected().actions().contains(null)) {
            throw new ScenarioException(file, "expected.actions", "an action type is empty");
        }
        return head;
    }

    private static void requirePresent(String file, String key, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new ScenarioException(file, key, "is empty; every scenario needs name, now and trigger (with "
                    + "resource_kind and resource_name)");
        }
    }

    private static ScenarioException located(String file, JsonProcessingException e) {
        StringBuilder where = new StringBuilder();
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            where.append("line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() > 0 ? "." : "").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            where.append(where.length() > 0 ? " " : "").append("(").append(path).append(")");
        }
        String message = e.getOriginalMessage().replaceAll("io\\.sreagent\\.core\\.incident\\.", "")
                .replaceAll("\\((?:[a-z]+\\.)+[A-Za-z]+Exception\\) ", "").replace("`java.time.Instant`", "time (ISO-8601)")
                .replaceAll("`io\\.sreagent\\.testkit\\.scenario\\.ScenarioLoader\\$(\\w+)`", "$1");
        return new ScenarioException(file, where.toString(), message, e);
    }

    // --- cluster.yaml --------------------------------------------------------------------------------------------

    private static List<HasMetadata> parseCluster(String yaml, String file) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> objects = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<YamlInput.Document> docs;
        try {
            docs = YamlInput.documents(yaml, file, YamlInput.DEFAULT);
        } catch (InputException e) {
            throw new ScenarioException(e.file(), e.position(), e.problem());
        }
        int doc = 0;
        for (YamlInput.Document d : docs) {
            doc++;
            String where = "document " + doc + " (line " + d.line() + ")";
            JsonNode node = d.tree();
            if (node == null || node.isNull() || node.isMissingNode()) {
                continue;
            }
            if (!node.isObject()) {
                throw new ScenarioException(file, where, "expected a Kubernetes object, got " + node.getNodeType());
            }
            HasMetadata object = object((ObjectNode) node, serialization, file, where);
            String key = object.getApiVersion() + "/" + object.getKind() + "/"
                    + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
            if (!keys.add(key)) {
                throw new ScenarioException(file, where, object.getKind() + " " + name(object)
                        + " appears twice; each object may appear once");
            }
            objects.add(object);
        }
        if (objects.isEmpty()) {
            throw new ScenarioException(file, "", "no objects; a scenario needs at least the objects of its trigger");
        }
        return List.copyOf(objects);
    }

    private static HasMetadata object(ObjectNode node, KubernetesSerialization serialization, String file, String where) {
        for (String field : List.of("apiVersion", "kind")) {
            if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
                throw new ScenarioException(file, where, "missing " + field + "; every object needs apiVersion, kind "
                        + "and metadata.name");
            }
        }
        String kind = node.get("kind").asText();
        if (kind.endsWith("List")) {
            throw new ScenarioException(file, where, "kind " + kind + " is not supported; write each object as its own "
                    + "YAML document (separated by ---)");
        }
        JsonNode metadata = node.path("metadata");
        if (!metadata.isObject() || !metadata.path("name").isTextual() || metadata.path("name").asText().isBlank()) {
            throw new ScenarioException(file, where, "missing metadata.name of the " + kind);
        }
        ObjectNode meta = (ObjectNode) metadata;
        if (!meta.path("uid").isTextual() || meta.path("uid").asText().isBlank()) {
            // Deterministic so that reloading a scenario gives the same uid (and owner references written by hand
            // can be computed the same way).
            meta.put("uid", uidFor(kind, meta.path("namespace").asText(null), meta.get("name").asText()));
        }
        KubernetesResource resource;
        try {
            resource = serialization.unmarshal(node.toString(), KubernetesResource.class);
        } catch (RuntimeException e) {
            throw new ScenarioException(file, where, "not a valid " + kind + " "
                    + meta.get("name").asText() + ": " + rootMessage(e), e);
        }
        if (!(resource instanceof HasMetadata h)) {
            throw new ScenarioException(file, where, "kind " + kind + " is not an object with metadata");
        }
        return h;
    }

    /** The uid the loader gives an object written without {@code metadata.uid}: a name-based UUID of kind/namespace/name. */
    public static String uidFor(String kind, String namespace, String name) {
        String key = kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String name(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return ns == null ? o.getMetadata().getName() : ns + "/" + o.getMetadata().getName();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof JsonProcessingException j) {
            return j.getOriginalMessage();
        }
        return String.valueOf(t.getMessage());
    }

    private static String trimSlashes(String base) {
        String b = base;
        while (b.startsWith("/")) {
            b = b.substring(1);
        }
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b;
    }

    private static ClassLoader defaultLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : ScenarioLoader.class.getClassLoader();
    }
}
