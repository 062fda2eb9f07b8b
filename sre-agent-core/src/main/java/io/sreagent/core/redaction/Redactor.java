package io.sreagent.core.redaction;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text before it leaves the library (to a model, a log or an output): passwords, tokens, API keys,
 * {@code Authorization} headers, credentials in connection strings, PEM private keys, JWTs and AWS keys.
 *
 * <p>Thread-safe and immutable. A cheap pre-check skips the regular expressions for text that holds none of the
 * words secrets come with, so redacting ordinary log lines costs little. Replaced values become
 * {@value #MASK}; the key, scheme or user name that precedes a secret is kept so the text still reads.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "[REDACTED]";

    private static final String[] TRIGGERS = {"-----begin", "auth", "bearer", "eyj", "akia", "asia", "://", "pass",
        "pwd", "secret", "token", "key", "credential", "sk-", "ghp_", "gho_", "xox", "aiza", "glpat", "session",
        "cookie", "signature"};

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            // PEM private keys, whole block or (in a one-line log) from BEGIN to the end of the line
            new Rule(Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\\s\\S]*?(?:-----END \\1PRIVATE KEY-----|$)"),
                    "[REDACTED PRIVATE KEY]"),
            // Authorization / Proxy-Authorization headers: keep the scheme
            new Rule(Pattern.compile("(?i)((?:proxy-)?authorization\"?\\s*[:=]\\s*\"?)(bearer|basic|token|digest|negotiate|apikey)?(\\s*)[^\\s\"',;]+"),
                    "$1$2$3" + MASK),
            new Rule(Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9\\-._~+/]{8,}=*"), "$1" + MASK),
            // JWTs anywhere
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), MASK),
            // credentials in URLs and connection strings: scheme://user:password@host
            new Rule(Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)([^:/@\\s]*):([^@/\\s]+)@"), "$1$2:" + MASK + "@"),
            // AWS access key ids
            new Rule(Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\\b"), MASK),
            // well-known token formats: OpenAI, GitHub, Slack, Google, GitLab
            new Rule(Pattern.compile("\\b(?:sk-(?:proj-)?[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}"
                    + "|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20,})"), MASK),
            // key=value, key: value, "key": "value" where the key names a secret
            new Rule(Pattern.compile("(?i)((?:\"|')?[A-Za-z0-9_.-]*(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey"
                    + "|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|session[_-]?id|cookie|signature)"
                    + "[A-Za-z0-9_.-]*(?:\"|')?)([ \\t]*[:=][ \\t]*)(\"|')?(?!\\[REDACTED)(?!(?:null|none|true|false)\\b)"
                    + "([^\\s\"',;&}]+)"),
                    "$1$2$3" + MASK));

    /** Returns {@code text} with every secret masked; null stays null. Never throws on odd input. */
    public String redact(String text) {
        if (text == null || text.isEmpty() || !mayHoldSecret(text)) {
            return text;
        }
        String out = text;
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(r.replacement());
            }
        }
        return out;
    }

    /** Whether {@code text} contains any word that secrets come with (the cheap pre-check). */
    static boolean mayHoldSecret(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String t : TRIGGERS) {
            if (lower.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
