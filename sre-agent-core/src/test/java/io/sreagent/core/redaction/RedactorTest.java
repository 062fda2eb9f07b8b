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
        "github fine-grained | GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz | [REDACTED] | github_pat_11ABCDEFG",
        "gitlab token | push with glpat-Ab3dEf6hIj9kLm2nOp5q | push with [REDACTED] | glpat-Ab3dEf6hIj9kLm2nOp5q",
        "slack bot token | posting with xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp | posting with [REDACTED] | xoxb-123456789012",
        "slack webhook | hook https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX failed | hooks.slack.com/services/[REDACTED] failed | XXXXXXXXXXXXXXXXXXXXXXXX",
        "google api key | key AIzaSyA1234567890abcdefghijklmnopqrstuv used | [REDACTED] used | AIzaSyA1234567890",
        "stripe key | STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dc | [REDACTED] | 4eC39HqLyjWDarjtT1zdp7dc",
        "prose password | db password Hunter2!xyz rejected | db password [REDACTED] rejected | Hunter2!xyz",
        "password is | the password is s3cr3t-value now | password is [REDACTED] now | s3cr3t-value",
        "pgpassword env | PGPASSWORD hunterhunter psql -h db | PGPASSWORD [REDACTED] psql | hunterhunter",
        "env secret | export AWS_SECRET_ACCESS_KEY wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | AWS_SECRET_ACCESS_KEY [REDACTED] | wJalrXUtnFEMI",
        "aws secret prose | aws secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY leaked | aws secret [REDACTED] leaked | wJalrXUtnFEMI",
        "flag password | psql --password hunterhunter -U app | --password [REDACTED] -U app | hunterhunter",
        "quoted with spaces | {\"password\": \"correct horse battery staple\"} | \"password\": \"[REDACTED]\" | horse battery",
        "arrow syntax | :password => 'hunter2pass' | [REDACTED] | hunter2pass",
        "xml | <db><password>hunter2pass</password></db> | <password>[REDACTED]</password> | hunter2pass",
        "azure storage | DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net | AccountKey=[REDACTED];EndpointSuffix | Eby8vdM02xNOcqFlq",
        "azure sql | Server=tcp:db.database.windows.net;User ID=app;Password=Hunter2pass;Encrypt=true | Password=[REDACTED];Encrypt | Hunter2pass",
        "azure sas | https://shop.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=abcDEF123%2Bxyz%3D | sig=[REDACTED] | abcDEF123",
        "gcp service account | {\"type\": \"service_account\", \"private_key_id\": \"4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n\"} | service_account | MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
        "gcp key id | {\"private_key_id\": \"4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d\"} | [REDACTED] | 4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d",
        "npm token | //registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789 | [REDACTED] | npm_abcdefghijklmnopqrstuvwxyz0123456789",
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
        "FATAL: password authentication failed for user \"orders\"",
        "MountVolume.SetUp failed for volume \"creds\" : secret \"payments-db-credentials\" not found",
        "couldn't find key password in Secret shop/db-credentials",
        "image ghcr.io/shop/cart@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 pulled",
        "trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7",
        "request 123e4567-e89b-12d3-a456-426614174000 took 12ms",
        "resourceVersion 48213397 is too old",
        "AWS_SECRET_ACCESS_KEY is not set",
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
