package io.sreagent.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    final Redactor r = new Redactor();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bearer header | GET /api Authorization: Bearer eyJhbGciOiJIUzI1NiJ9abc.def123456 | Authorization: Bearer [REDACTED] | eyJhbGciOiJIUzI1NiJ9abc",
        "basic header | Authorization: Basic dXNlcjpwYXNzd29yZA== sent | Authorization: Basic [REDACTED] sent | dXNlcjpwYXNzd29yZA",
        "bearer alone | calling payments with bearer 8f7e6d5c4b3a2910ffee | bearer [REDACTED] | 8f7e6d5c4b3a2910ffee",
        "jwt | token eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c rejected | [REDACTED] rejected | SflKxwRJSMeKKF2QT4fw",
        "postgres url | connecting to postgres://orders:S3cr3t!Pass@db.shop:5432/orders | postgres://orders:[REDACTED]@db.shop:5432/orders | S3cr3t",
        "redis url | redis://:hunter2@redis:6379/0 | [REDACTED]@redis:6379/0 | hunter2",
        "aws key id | using AKIAIOSFODNN7EXAMPLE for s3 | using [REDACTED] for s3 | AKIAIOSFODNN7EXAMPLE",
        "aws secret | aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | aws_secret_access_key=[REDACTED] | wJalrXUtnFEMI",
        "password kv | login failed password=hunter2 user=bob | password=[REDACTED] user=bob | hunter2",
        "secret yaml | secret: c2VjcmV0LXZhbHVl | secret: [REDACTED] | c2VjcmV0LXZhbHVl",
        "json token | {\"access_token\": \"ya29.a0AfH6SMBx\", \"expires_in\": 3599} | \"access_token\": \"[REDACTED]\", \"expires_in\": 3599 | ya29.a0AfH6SMBx",
        "api key header | X-Api-Key: 9b1deb4d3b7d4bad9bdd2b0d7b3dcb6d | X-Api-Key: [REDACTED] | 9b1deb4d3b7d4bad9bdd2b0d7b3dcb6d",
        "openai key | OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwx1234 | OPENAI_API_KEY=[REDACTED] | abcdefghijklmnop",
        "github token | cloning with ghp_1234567890abcdefghijklmnopqrstuvwxyz12 | cloning with [REDACTED] | ghp_1234567890",
    })
    void masksSecret(String name, String input, String mustContain, String secret) {
        String out = r.redact(input);
        assertThat(out).contains(mustContain).doesNotContain(secret);
    }

    @Test
    void masksPemPrivateKeyBlocks() {
        String pem = "loaded key -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA75zmQ3Kp\nx9Yt2w==\n"
                + "-----END RSA PRIVATE KEY----- ok";
        assertThat(r.redact(pem)).isEqualTo("loaded key [REDACTED PRIVATE KEY] ok");
        String oneLine = "key=-----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEF";
        assertThat(r.redact(oneLine)).doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEF");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /api/v1/orders 200 12ms",
        "Failed password for invalid user admin from 10.1.2.3 port 22 ssh2",
        "Accepted publickey for deploy from 10.0.0.5 port 51234",
        "connecting to postgres://db.shop:5432/orders",
        "token bucket refilled: 20 tokens available",
        "Executing with tokens:",
        "passwordless login is disabled",
        "dial tcp 10.0.3.7:5432: connect: connection refused",
        "secret \"db-credentials\" not found",
        "the key was rotated at 10:00",
        "password=",
        "max_tokens: null",
        "signatures:\n- CONNECTION_REFUSED (DEPENDENCY_UNAVAILABLE) x4",
    })
    void leavesOrdinaryTextAlone(String line) {
        assertThat(r.redact(line)).isEqualTo(line);
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertThat(r.redact(null)).isNull();
        assertThat(r.redact("")).isEmpty();
    }
}
