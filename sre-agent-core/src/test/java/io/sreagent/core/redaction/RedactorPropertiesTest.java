package io.sreagent.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the redactor over random log-like text: a planted secret of any known format, in any common syntax,
 * never survives; planted lookalikes (digests, trace ids, UUIDs, resource versions) always do.
 */
class RedactorPropertiesTest {

    private final Redactor redactor = new Redactor();

    /** A secret value and the text that carries it. */
    record Planted(String secret, String text) {
    }

    private static final List<String> FILLER = List.of("GET", "/api/v1/orders", "200", "12ms", "connecting", "to",
            "db.shop:5432", "retrying", "in", "5s", "user=app", "level=error", "msg=\"upstream failed\"", "pod", "cart-7d9f",
            "OOMKilled", "exit", "code", "137", "{", "}", ":", ",", "\n", "\t", "->", "error:", "handler", "done");

    private static Arbitrary<String> filler() {
        return Arbitraries.of(FILLER).list().ofMaxSize(8).map(l -> String.join(" ", l));
    }

    private static Arbitrary<String> token(String alphabet, int min, int max) {
        return Arbitraries.strings().withChars(alphabet).ofMinLength(min).ofMaxLength(max);
    }

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    @Provide
    Arbitrary<Planted> secrets() {
        Arbitrary<String> password = token(ALNUM, 6, 20).map(v -> v + "9!");
        Arbitrary<Planted> keyValue = Combinators.combine(
                Arbitraries.of("password", "db_password", "PGPASSWORD", "client_secret", "api_key", "apiKey", "token",
                        "access_token", "secret", "AccountKey", "session_id"),
                Arbitraries.of("%s=%s", "%s: %s", "\"%s\": \"%s\"", "%s = '%s'", "%s => %s", "<%1$s>%2$s</%1$s>"),
                password).as((k, syntax, v) -> new Planted(v, String.format(syntax, k, v)));
        Arbitrary<Planted> prose = password.map(v -> new Planted(v, "db password " + v));
        Arbitrary<Planted> env = token(ALNUM, 8, 20).map(v -> new Planted(v, "PGPASSWORD " + v));
        Arbitrary<Planted> flag = token(ALNUM, 8, 20).map(v -> new Planted(v, "--password " + v));
        Arbitrary<Planted> url = Combinators.combine(Arbitraries.of("postgres", "mysql", "redis", "amqp", "https"),
                password).as((scheme, v) -> new Planted(v, scheme + "://app:" + v + "@db.shop:5432/x"));
        Arbitrary<Planted> aws = token("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 16).map(v -> new Planted("AKIA" + v, "AKIA" + v));
        Arbitrary<Planted> awsSecret = token(ALNUM + "/+", 36, 36).map(v -> "aB3/" + v)
                .map(v -> new Planted(v, "aws secret " + v));
        Arbitrary<Planted> github = token(ALNUM, 36, 36).map(v -> new Planted("ghp_" + v, "ghp_" + v));
        Arbitrary<Planted> gitlab = token(ALNUM, 20, 24).map(v -> new Planted("glpat-" + v, "glpat-" + v));
        Arbitrary<Planted> slack = token(ALNUM, 24, 30).map(v -> new Planted("xoxb-" + v, "xoxb-" + v));
        Arbitrary<Planted> jwt = Combinators.combine(token(ALNUM, 10, 30), token(ALNUM, 10, 30), token(ALNUM, 10, 43))
                .as((a, b, c) -> "eyJ" + a + ".eyJ" + b + "." + c).map(v -> new Planted(v, v));
        Arbitrary<Planted> bearer = token(ALNUM, 16, 40).map(v -> new Planted(v, "Authorization: Bearer " + v));
        Arbitrary<Planted> pem = token(ALNUM + "+/", 40, 64)
                .map(v -> new Planted(v, "-----BEGIN RSA PRIVATE KEY-----\n" + v + "\n-----END RSA PRIVATE KEY-----"));
        return Arbitraries.oneOf(keyValue, prose, env, flag, url, aws, awsSecret, github, gitlab, slack, jwt, bearer, pem);
    }

    @Property(tries = 2000, seed = "20261203")
    void aPlantedSecretNeverLeaks(@ForAll("secrets") Planted planted, @ForAll("fillers") String before,
                                  @ForAll("fillers") String after) {
        String out = redactor.redact(before + " " + planted.text() + " " + after);
        assertThat(out).doesNotContain(planted.secret());
    }

    @Provide
    Arbitrary<String> fillers() {
        return filler();
    }

    @Provide
    Arbitrary<String> lookalikes() {
        Arbitrary<String> hex64 = token("0123456789abcdef", 64, 64).map(h -> "image shop/cart@sha256:" + h);
        Arbitrary<String> trace = token("0123456789abcdef", 32, 32).map(h -> "trace_id=" + h);
        Arbitrary<String> uuid = Arbitraries.create(java.util.UUID::randomUUID).map(u -> "request " + u);
        Arbitrary<String> rv = Arbitraries.longs().between(1, 999_999_999L).map(v -> "resourceVersion: \"" + v + "\"");
        Arbitrary<String> commit = token("0123456789abcdef", 40, 40).map(h -> "revision " + h);
        return Arbitraries.oneOf(hex64, trace, uuid, rv, commit);
    }

    @Property(tries = 1000, seed = "20261203")
    void lookalikesSurvive(@ForAll("lookalikes") String lookalike, @ForAll("fillers") String before,
                           @ForAll("fillers") String after) {
        String text = before + " " + lookalike + " " + after;
        assertThat(redactor.redact(text)).isEqualTo(text);
    }
}
