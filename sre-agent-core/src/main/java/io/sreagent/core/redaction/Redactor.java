package io.sreagent.core.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.Evidence;
import io.sreagent.core.incident.GuardVerdict;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.incident.RootCause;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.incident.TranscriptEntry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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
        "pwd", "secret", "token", "key", "credential", "sk-", "sk_", "rk_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat", "xox", "aiza", "glpat", "session",
        "cookie", "sig", "npm_", "ya29."};

    /**
     * A rule applies only to text that contains one of {@code needs} (lower case): the expressions are costly on
     * long tool results, and most rules cannot match text without their word.
     */
    private record Rule(Pattern pattern, String replacement, List<String> needs) {
        Rule(Pattern pattern, String replacement, String... needs) {
            this(pattern, replacement, List.of(needs));
        }

        boolean mayMatch(String lower) {
            for (String n : needs) {
                if (lower.contains(n)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final String[] SECRET_WORDS = {"pass", "pwd", "secret", "token", "key", "credential", "session",
        "cookie", "signature"};

    /** Words that name a secret when they are (part of) a key: {@code db_password=}, {@code "apiKey":}. */
    private static final String SECRET_KEY = "(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey"
            + "|access[_-]?key|private[_-]?key|account[_-]?key|sharedaccesskey|client[_-]?secret|credentials?"
            + "|session[_-]?id|cookie|signature)";

    /**
     * A key naming a secret, optionally quoted. It starts where a run of key characters starts: a match inside a run
     * would also match from the run's start, and trying every position of every word is what made this slow.
     */
    private static final String KEY = "((?:\"|')?(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*" + SECRET_KEY + "[A-Za-z0-9_.-]*(?:\"|')?)";

    /** A JSON field whose value is a secret: {@code password}, {@code api_key}, {@code clientSecret}. */
    private static final Pattern SECRET_FIELD = Pattern.compile("(?i)" + SECRET_KEY);

    /** Fields that name or point to a secret rather than hold it: {@code secretName}, {@code tokenPath}. */
    private static final Pattern NOT_SECRET_FIELD = Pattern.compile(
            "(?i)(name|names|ref|path|file|type|kind|namespace|count|seconds|expiration|ttl|policy|provider|url|uri)$");

    /** Words that, after a secret word and a space, are prose rather than the secret. */
    private static final String PROSE = "(?!(?:is|was|not|set|unset|missing|empty|required|invalid|expired|must|for|to|in"
            + "|of|and|or|from|the|a|an|with|rotated|changed|authentication|file|reference|ref|name|key|mounted|volume"
            + "|null|none|true|false)\\b)";

    private static final List<Rule> RULES = List.of(
            // PEM private keys, whole block or (in a one-line log or a JSON string) from BEGIN to the end
            new Rule(Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\\s\\S]*?(?:-----END \\1PRIVATE KEY-----|$)"),
                    "[REDACTED PRIVATE KEY]", "-----begin"),
            // Authorization / Proxy-Authorization headers: keep the scheme
            new Rule(Pattern.compile("(?i)((?:proxy-)?authorization\"?\\s*[:=]\\s*\"?)(bearer|basic|token|digest|negotiate|apikey)?(\\s*)[^\\s\"',;]+"),
                    "$1$2$3" + MASK, "authorization"),
            new Rule(Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9\\-._~+/]{8,}=*"), "$1" + MASK, "bearer"),
            // JWTs anywhere
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), MASK, "eyj"),
            // credentials in URLs and connection strings: scheme://user:password@host
            new Rule(Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)([^:/@\\s]*):([^@/\\s]+)@"), "$1$2:" + MASK + "@", "://"),
            // AWS access key ids
            new Rule(Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\\b"), MASK,
                    "akia", "asia", "agpa", "aida", "aroa", "anpa"),
            // well-known token formats: OpenAI, GitHub (classic and fine-grained), Slack tokens and webhooks, Google
            // API keys and OAuth tokens, GitLab, Stripe, npm
            new Rule(Pattern.compile("\\b(?:sk-(?:proj-)?[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}"
                    + "|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|ya29\\.[0-9A-Za-z_-]{20,}|glpat-[A-Za-z0-9_-]{20,}"
                    + "|(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}|npm_[A-Za-z0-9]{36})"), MASK,
                    "sk-", "gh", "github_pat", "xox", "aiza", "ya29.", "glpat-", "sk_", "rk_", "npm_"),
            new Rule(Pattern.compile("(hooks\\.slack\\.com/services/)[A-Za-z0-9/]+"), "$1" + MASK, "hooks.slack.com"),
            // Azure shared access signatures: ...&sig=...
            new Rule(Pattern.compile("(?i)([?&;]sig=)[^&\\s\"';]+"), "$1" + MASK, "sig="),
            // "key": "value with spaces" where the key names a secret: the whole quoted value
            new Rule(Pattern.compile("(?i)" + KEY + "([ \\t]*(?:=>|[:=])[ \\t]*)(\"|')(?!\\[REDACTED)(?!(?:null|none)\\3)([^\"'\\n]+)\\3"),
                    "$1$2$3" + MASK + "$3", SECRET_WORDS),
            // key=value, key: value, key => value where the key names a secret
            new Rule(Pattern.compile("(?i)" + KEY + "([ \\t]*(?:=>|[:=])[ \\t]*)(?!\\[REDACTED)(?!(?:null|none|true|false)\\b)"
                    + "([^\\s\"',;&}<]+)"), "$1$2" + MASK, SECRET_WORDS),
            // <password>value</password>
            new Rule(Pattern.compile("(?i)(<([A-Za-z0-9_.-]*" + SECRET_KEY + "[A-Za-z0-9_.-]*)>)[^<]+(</\\2>)"),
                    "$1" + MASK + "$3", SECRET_WORDS),
            // environment style: PGPASSWORD value, AWS_SECRET_ACCESS_KEY value, GITHUB_TOKEN value
            new Rule(Pattern.compile("\\b([A-Z][A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|ACCESS_KEY|PRIVATE_KEY)[A-Z0-9_]*)"
                    + "([ \\t]+)" + PROSE + "(?!\\[REDACTED)([^\\s\"',;]+)"), "$1$2" + MASK,
                    "passw", "secret", "token", "api_key", "access_key", "private_key"),
            // flag style: --password value, --api-token value
            new Rule(Pattern.compile("(?i)((?<![A-Za-z0-9])--?[a-z0-9-]*(?:password|passwd|secret|token|api-key)[a-z0-9-]*)([ \\t]+)"
                    + "(?!\\[REDACTED)(?!-)([^\\s\"',;]+)"), "$1$2" + MASK,
                    "passw", "secret", "token", "api-key"),
            // prose: "db password Hunter2!", "password is s3cret": a value with a digit or a symbol after the word
            new Rule(Pattern.compile("(?i)\\b(password|passwd|passphrase|pwd)((?:[ \\t]+(?:is|was|of|set to))?[ \\t]+)" + PROSE
                    + "(?!\\[REDACTED)(?=[^\\s\"',;]*[0-9!@#$%^&*+=~?])([^\\s\"',;]{4,})"), "$1$2" + MASK,
                    "passw", "passphrase", "pwd"),
            // prose: "secret wJalrXUtnFEMI/K7MDENG...", "access key AbC..": a high-entropy value after the word
            new Rule(Pattern.compile("(?i)\\b(secret|key|token)((?:[ \\t]+(?:access[ \\t]+)?(?:key|is|was))?[ \\t]+)"
                    + "(?-i:(?=[A-Za-z0-9/+=_-]*[0-9])(?=[A-Za-z0-9/+=_-]*[a-z])(?=[A-Za-z0-9/+=_-]*[A-Z]))([A-Za-z0-9/+=_-]{16,})"),
                    "$1$2" + MASK, "secret", "key", "token"));

    /** Returns {@code text} with every secret masked; null stays null. Never throws on odd input. */
    public @Nullable String redact(@Nullable String text) {
        if (text == null || text.isEmpty() || !mayHoldSecret(text)) {
            return text;
        }
        String out = text;
        String lower = text.toLowerCase(Locale.ROOT);
        for (Rule r : RULES) {
            if (!r.mayMatch(lower)) {
                continue;
            }
            Matcher m = r.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(r.replacement());
                lower = out.toLowerCase(Locale.ROOT);
            }
        }
        return out;
    }

    /** A copy of {@code node} with every string value redacted (object keys are kept); null stays null. */
    public @Nullable JsonNode redactTree(@Nullable JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String v = node.textValue();
            String red = redact(v);
            return red.equals(v) ? node : TextNode.valueOf(red);
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode v = e.getValue();
                // {"token": "x"}: the key says the value is a secret, whatever the value looks like
                boolean secret = (v.isTextual() || v.isNumber()) && !v.asText().isEmpty() && !v.asText().startsWith(MASK)
                        && SECRET_FIELD.matcher(e.getKey()).find() && !NOT_SECRET_FIELD.matcher(e.getKey()).find();
                out.set(e.getKey(), secret ? TextNode.valueOf(MASK) : redactTree(v));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode c : node) {
                out.add(redactTree(c));
            }
            return out;
        }
        return node;
    }

    /** {@code t} with its message, event data and names redacted. */
    public Trigger redactTrigger(Trigger t) {
        return new Trigger(t.eventType(), t.namespace(), t.resourceKind(), redact(t.resourceName()), redactTree(t.eventData()));
    }

    /** {@code a} with its parameters, reason, guard reasons and outcome redacted. */
    public ProposedAction redactAction(ProposedAction a) {
        GuardVerdict g = a.guard() == null ? null
                : new GuardVerdict(a.guard().verdict(), a.guard().reasons().stream().map(this::redact).toList());
        return new ProposedAction(a.id(), a.type(), a.target(), redactTree(a.params()), a.risk(), a.status(),
                redact(a.reason()), g, redactTree(a.outcome()), redact(a.approvedBy()));
    }

    /** {@code d} with every text in it redacted: trigger, root cause, evidence, actions, degraded, transcript. */
    public Decision redactDecision(Decision d) {
        RootCause rc = d.rootCause();
        return new Decision(d.incidentId(), redactTrigger(d.trigger()),
                new RootCause(rc.category(), rc.resource(), redact(rc.summary())), d.confidence(),
                d.evidence().stream().map(e -> new Evidence(e.source(), redact(e.summary()), redactTree(e.detail()))).toList(),
                d.actions().stream().map(this::redactAction).toList(),
                d.degraded().stream().map(this::redact).toList(),
                d.transcript().stream().map(t -> new TranscriptEntry(t.agent(), t.team(), t.type(), redact(t.content())))
                        .toList(),
                d.durationMs(), d.llm() == null ? null : new io.sreagent.core.incident.ModelReport(d.llm().rootCauseBy(),
                        d.llm().models(), d.llm().tokens(), d.llm().tokensByAgent(), d.llm().modelCalls(),
                        d.llm().notes().stream().map(this::redact).toList()));
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
