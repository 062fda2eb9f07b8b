package io.sreagent.testkit.k8s.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes API request path taken apart: API prefix, namespace, resource (plural), name, subresource and query.
 *
 * @param prefix      {@code /api/v1} or {@code /apis/GROUP/VERSION}
 * @param namespace   the namespace, or null for cluster-scoped paths
 * @param plural      the resource, for example {@code pods}
 * @param name        the object name, or null for a collection
 * @param subresource {@code status}, {@code scale}, {@code eviction}, {@code log}, ... or null
 * @param query       the decoded query parameters (the last value wins)
 */
record RequestPath(String prefix, String namespace, String plural, String name, String subresource,
                   Map<String, String> query) {

    private static final Pattern PATH = Pattern.compile(
            "^(/api/v1|/apis/[^/]+/[^/]+)(?:/namespaces/([^/]+))?/([^/]+)(?:/([^/]+))?(?:/([^/]+))?$");

    static Optional<RequestPath> parse(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.put(k, v);
            }
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new RequestPath(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), query));
    }

    /** The path of the object itself (no subresource, no query). */
    String objectPath() {
        return collectionPath() + "/" + name;
    }

    /** The path of the collection the object belongs to. */
    String collectionPath() {
        return prefix + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + plural;
    }

    /** The path and query without the given parameter. */
    String without(String parameter) {
        StringBuilder b = new StringBuilder(name == null ? collectionPath() : objectPath());
        if (subresource != null) {
            b.append('/').append(subresource);
        }
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (!e.getKey().equals(parameter)) {
                b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
                sep = '&';
            }
        }
        return b.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
