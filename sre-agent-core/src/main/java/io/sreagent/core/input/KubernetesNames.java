package io.sreagent.core.input;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes' own rules for names (RFC 1123), checked before a name from outside reaches a URL: a name such as
 * {@code ../../kube-system/pods/x} would otherwise address another object. Stateless.
 */
public final class KubernetesNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private KubernetesNames() {
    }

    /** Whether {@code s} is an RFC 1123 label (namespaces, containers, Services): at most 63 of a-z, 0-9 and '-'. */
    public static boolean isLabel(String s) {
        return s != null && s.length() <= 63 && LABEL.matcher(s).matches();
    }

    /** Whether {@code s} is an RFC 1123 subdomain (pods, nodes, most objects): labels joined by '.', at most 253. */
    public static boolean isSubdomain(String s) {
        return s != null && s.length() <= 253 && SUBDOMAIN.matcher(s).matches();
    }

    /**
     * Why {@code value} of the field {@code field} is not a valid namespace (a label), or empty when it is. The value
     * itself is not repeated: it came from outside.
     */
    public static Optional<String> namespaceProblem(String field, String value) {
        return isLabel(value) ? Optional.empty() : Optional.of("`" + field + "` is not a valid Kubernetes namespace "
                + "(RFC 1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)");
    }

    /** Why {@code value} of the field {@code field} is not a valid object name (a subdomain), or empty when it is. */
    public static Optional<String> nameProblem(String field, String value) {
        return isSubdomain(value) ? Optional.empty() : Optional.of("`" + field + "` is not a valid Kubernetes name "
                + "(RFC 1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', each part starting and "
                + "ending with a letter or digit)");
    }
}
