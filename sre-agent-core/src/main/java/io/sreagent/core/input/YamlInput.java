package io.sreagent.core.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.redaction.Redactor;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses YAML from outside the process into Jackson trees, with its bounds checked before anything is expanded.
 *
 * <p>The text is first composed into YAML's node graph, in which an alias is a reference, not a copy; the size the
 * tree would have once every alias is expanded is computed on that graph, and a document whose aliases would add more
 * than {@link Limits#maxExpandedNodes()} nodes is refused (a "billion laughs" file of a kilobyte would otherwise take
 * gigabytes). Nesting depth, the number of aliases and the length of the text are bounded the same way; duplicate
 * keys are errors (YAML forbids them, and silently keeping one of two {@code workflow:} blocks hides a mistake).
 * Merge keys ({@code <<: *base}) are applied. Plain scalars become numbers, booleans ({@code true}/{@code false}
 * only) and nulls as YAML 1.2 reads them; everything else is text. Stateless and thread-safe.
 */
public final class YamlInput {

    /**
     * Bounds of one parse.
     *
     * @param maxAliases       aliases of collections allowed in the text
     * @param maxExpandedNodes nodes that expanding aliases may add to the text's own
     * @param maxDepth         nesting depth
     * @param maxCodePoints    length of the text
     */
    public record Limits(int maxAliases, long maxExpandedNodes, int maxDepth, int maxCodePoints) {
    }

    /** 100 aliases, 100 000 expanded nodes, depth 64, 32 Mi code points. */
    public static final Limits DEFAULT = new Limits(100, 100_000, 64, (int) InputFiles.DEFAULT_MAX_BYTES);

    /**
     * One document of a stream.
     *
     * @param tree    the document; a null node for an empty document
     * @param line    the line (1-based) where it starts
     * @param aliases whether it uses aliases (so a parser that does not resolve them would read it differently)
     */
    public record Document(JsonNode tree, int line, boolean aliases) {
    }

    private static final Redactor REDACTOR = new Redactor();

    private YamlInput() {
    }

    /** The single document of {@code text}, or null when the text holds none. */
    public static JsonNode single(String text, String file) {
        Document d = singleDocument(text, file);
        return d == null ? null : d.tree();
    }

    /** The single document of {@code text} with its line, or null when the text holds none. */
    public static Document singleDocument(String text, String file) {
        List<Document> docs = documents(text, file, DEFAULT);
        if (docs.size() > 1) {
            throw new InputException(file, "line " + docs.get(1).line(), "holds " + docs.size()
                    + " YAML documents; expected one");
        }
        return docs.isEmpty() ? null : docs.get(0);
    }

    /**
     * Every document of {@code text}.
     *
     * @param file   the name errors give
     * @throws InputException when the text is not YAML or breaks a bound
     */
    public static List<Document> documents(String text, String file, Limits limits) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxDepth());
        options.setCodePointLimit(Math.max(1, limits.maxCodePoints()));
        options.setAllowRecursiveKeys(false);
        List<Document> out = new ArrayList<>();
        try {
            for (Node root : new Yaml(options).composeAll(new StringReader(text))) {
                int line = root.getStartMark() == null ? 1 : root.getStartMark().getLine() + 1;
                Map<Node, Long> sizes = new IdentityHashMap<>();
                long expanded = expandedSize(root, sizes, new IdentityHashMap<>(), file);
                if (expanded - sizes.size() > limits.maxExpandedNodes()) {
                    throw new InputException(file, "document " + (out.size() + 1) + " (line " + line + ")",
                            "its aliases expand to more than " + limits.maxExpandedNodes()
                                    + " extra nodes; write the values out or use fewer aliases");
                }
                out.add(new Document(convert(root, file), line, expanded > sizes.size()));
            }
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String doc = out.isEmpty() ? "" : "document " + (out.size() + 1) + ", ";
            throw new InputException(file, m == null ? doc : doc + "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1),
                    "not valid YAML: " + safe(e.getProblem() != null ? e.getProblem() : e.getContext()));
        } catch (YAMLException e) {
            throw new InputException(file, "", "refused: " + safe(e.getMessage()));
        } catch (StackOverflowError e) {
            throw new InputException(file, "", "nested too deeply");
        }
        return out;
    }

    /** The size of the tree under {@code n} once aliases are expanded, memoised per node of the graph. */
    private static long expandedSize(Node n, Map<Node, Long> sizes, Map<Node, Boolean> open, String file) {
        Long known = sizes.get(n);
        if (known != null) {
            return known;
        }
        if (open.put(n, Boolean.TRUE) != null) {
            throw new InputException(file, at(n), "an alias refers to a node that contains it (a recursive alias)");
        }
        long size = 1;
        if (n instanceof SequenceNode s) {
            for (Node c : s.getValue()) {
                size = saturatingAdd(size, expandedSize(c, sizes, open, file));
            }
        } else if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                size = saturatingAdd(size, expandedSize(t.getKeyNode(), sizes, open, file));
                size = saturatingAdd(size, expandedSize(t.getValueNode(), sizes, open, file));
            }
        }
        open.remove(n);
        sizes.put(n, size);
        return size;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static JsonNode convert(Node n, String file) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (n instanceof ScalarNode s) {
            return scalar(s);
        }
        if (n instanceof SequenceNode s) {
            ArrayNode a = f.arrayNode();
            s.getValue().forEach(c -> a.add(convert(c, file)));
            return a;
        }
        MappingNode m = (MappingNode) n;
        ObjectNode o = f.objectNode();
        List<ObjectNode> merged = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode key)) {
                throw new InputException(file, at(k), "a mapping key must be a plain value, not a list or a mapping");
            }
            if (Tag.MERGE.equals(key.getTag())) {
                JsonNode v = convert(t.getValueNode(), file);
                for (JsonNode part : v.isArray() ? v : List.of(v)) {
                    if (!part.isObject()) {
                        throw new InputException(file, at(k), "a merge key (<<) takes a mapping or a list of mappings");
                    }
                    merged.add((ObjectNode) part);
                }
                continue;
            }
            if (o.has(key.getValue())) {
                throw new InputException(file, at(k), "duplicate key '" + safe(key.getValue()) + "'");
            }
            o.set(key.getValue(), convert(t.getValueNode(), file));
        }
        for (ObjectNode part : merged) {
            part.properties().forEach(e -> {
                if (!o.has(e.getKey())) {
                    o.set(e.getKey(), e.getValue());
                }
            });
        }
        return o;
    }

    private static JsonNode scalar(ScalarNode s) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String v = s.getValue();
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return f.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            String b = v.toLowerCase(Locale.ROOT);
            return b.equals("true") ? f.booleanNode(true) : b.equals("false") ? f.booleanNode(false) : f.textNode(v);
        }
        if (Tag.INT.equals(tag)) {
            String digits = v.replace("_", "").replaceFirst("^\\+", "");
            // YAML 1.1, as kubectl reads it: 0644 is octal, 0x1F hexadecimal
            int radix = digits.matches("-?0[0-7]+") ? 8 : digits.matches("-?0x[0-9a-fA-F]+") ? 16 : 10;
            try {
                BigInteger i = new BigInteger(radix == 16 ? digits.replaceFirst("0x", "") : digits, radix);
                return i.bitLength() < 64 ? f.numberNode(i.longValue()) : f.numberNode(i);
            } catch (NumberFormatException e) {
                return f.textNode(v);
            }
        }
        if (Tag.FLOAT.equals(tag) && v.matches("[-+]?([0-9][0-9_]*)?\\.?[0-9_]*([eE][-+]?[0-9]+)?")) {
            try {
                return f.numberNode(Double.parseDouble(v.replace("_", "")));
            } catch (NumberFormatException e) {
                return f.textNode(v);
            }
        }
        return f.textNode(v);
    }

    private static String at(Node n) {
        Mark m = n.getStartMark();
        return m == null ? "" : "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
    }

    /** A parser's message made safe to print: redacted, control characters dropped, bounded. */
    private static String safe(String s) {
        if (s == null) {
            return "";
        }
        String r = REDACTOR.redact(s).replaceAll("\\p{Cntrl}", "?");
        return r.length() > 160 ? r.substring(0, 157) + "..." : r;
    }
}
