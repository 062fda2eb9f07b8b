package io.sreagent.operator;

import io.sreagent.core.incident.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Where incidents go: namespaces spread over {@code count} shards by a stable hash (CRC-32 of the namespace, the same
 * in every replica and release), and the name of an incident's resource, stable for a workload and cause so that a
 * new event after a quiet period updates the same resource.
 */
public record Shards(int count) {

    public Shards {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("shards must be 1 to 64, was " + count);
        }
    }

    /** The shard of {@code namespace} (cluster-scoped objects: the empty namespace). */
    public int of(String namespace) {
        CRC32 crc = new CRC32();
        crc.update((namespace == null ? "" : namespace).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }

    /** The Lease of shard {@code shard}. */
    public static String lease(int shard) {
        return "sre-agent-shard-" + shard;
    }

    /**
     * The resource name of the incident of {@code workload} and {@code cause}: readable, a valid object name (at most 63
     * characters, lower case), and unique by a hash of both.
     */
    public static String incidentName(ResourceRef workload, String cause) {
        String key = workload.kind() + "/" + workload.namespace() + "/" + workload.name() + "#" + cause;
        String readable = ((workload.namespace() == null ? "" : workload.namespace() + "-") + workload.name() + "-" + cause)
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
        if (readable.length() > 44) {
            readable = readable.substring(0, 44).replaceAll("-$", "");
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "inc-" + readable + "-" + HexFormat.of().formatHex(h, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
