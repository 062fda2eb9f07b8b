package io.sreagent.k8s.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.support.Json;
import io.sreagent.k8s.internal.Times;

import java.util.ArrayList;
import java.util.List;

/** Checks PersistentVolumeClaims: missing, Pending (storage class missing, ProvisioningFailed), Lost, resize failures. */
final class StorageChecks {

    private final ClusterSnapshot s;

    StorageChecks(ClusterSnapshot s) {
        this.s = s;
    }

    /** Checks the claim {@code name}, reached through {@code via} (the chain so far). */
    List<Scored> checkClaim(String ns, String name, List<String> via) {
        List<Scored> out = new ArrayList<>();
        ResourceRef ref = ResourceRef.of("PersistentVolumeClaim", ns, name);
        int hops = via.isEmpty() ? 0 : 1;
        PersistentVolumeClaim pvc = s.pvc(name).orElse(null);
        if (pvc == null) {
            if (s.readable("persistentvolumeclaims")) {
                ObjectNode d = Json.object().put("claim", name);
                out.add(new Scored(PodChecks.finding("pvc.missing", Category.STORAGE, ref, ref, 0.85,
                        "PersistentVolumeClaim " + ns + "/" + name + " does not exist", d, null,
                        chain(via, "PersistentVolumeClaim " + ns + "/" + name + " does not exist")), hops));
            }
            return out;
        }
        return check(pvc, via);
    }

    List<Scored> check(PersistentVolumeClaim pvc, List<String> via) {
        List<Scored> out = new ArrayList<>();
        String ns = pvc.getMetadata().getNamespace();
        String name = pvc.getMetadata().getName();
        ResourceRef ref = ResourceRef.of("PersistentVolumeClaim", ns, name);
        int hops = via.isEmpty() ? 0 : 1;
        String phase = pvc.getStatus() == null ? null : pvc.getStatus().getPhase();
        String sc = pvc.getSpec() == null ? null : pvc.getSpec().getStorageClassName();
        ObjectNode d = Json.object();
        d.put("claim", name);
        d.put("phase", phase);
        d.put("storage_class", sc);
        if (pvc.getSpec() != null && pvc.getSpec().getResources() != null && pvc.getSpec().getResources().getRequests() != null
                && pvc.getSpec().getResources().getRequests().get("storage") != null) {
            d.put("requested", pvc.getSpec().getResources().getRequests().get("storage").toString());
        }
        List<Event> events = s.eventsFor("PersistentVolumeClaim", name);
        Event provisioning = null;
        Event resize = null;
        boolean waitForConsumer = false;
        for (Event e : events) {
            if (provisioning == null && "ProvisioningFailed".equals(e.getReason()) && e.getMessage() != null) {
                provisioning = e;
            }
            if (resize == null && ("VolumeResizeFailed".equals(e.getReason()) || "FileSystemResizeFailed".equals(e.getReason()))) {
                resize = e;
            }
            if ("WaitForFirstConsumer".equals(e.getReason())) {
                waitForConsumer = true;
            }
        }
        String step = "PersistentVolumeClaim " + ns + "/" + name + " " + (phase == null ? "" : phase);
        if ("Pending".equals(phase)) {
            boolean classMissing = sc != null && !sc.isEmpty() && s.readable("storageclasses") && !s.storageClasses.contains(sc);
            boolean noDefault = (sc == null) && s.readable("storageclasses") && s.defaultStorageClasses.isEmpty()
                    && (pvc.getSpec() == null || pvc.getSpec().getVolumeName() == null);
            if (provisioning != null) {
                d.put("event_message", provisioning.getMessage());
                d.put("event_count", Times.count(provisioning));
                d.put("storage_class_exists", sc == null ? null : s.storageClasses.contains(sc));
                out.add(new Scored(PodChecks.finding("pvc.provisioning_failed", Category.STORAGE, ref, ref, 0.9,
                        "PersistentVolumeClaim " + ns + "/" + name + " cannot be provisioned: " + provisioning.getMessage(),
                        d, Times.firstSeen(provisioning), chain(via, step + ": ProvisioningFailed " + provisioning.getMessage())),
                        hops));
            } else if (classMissing) {
                d.put("storage_class_exists", false);
                out.add(new Scored(PodChecks.finding("pvc.storage_class_missing", Category.STORAGE, ref, ref, 0.9,
                        "PersistentVolumeClaim " + ns + "/" + name + " asks for storage class " + sc + " which does not exist",
                        d, Times.parse(pvc.getMetadata().getCreationTimestamp()),
                        chain(via, step + ": storageclass \"" + sc + "\" not found")), hops));
            } else if (noDefault) {
                out.add(new Scored(PodChecks.finding("pvc.no_default_storage_class", Category.STORAGE, ref, ref, 0.7,
                        "PersistentVolumeClaim " + ns + "/" + name + " names no storage class and the cluster has no default",
                        d, Times.parse(pvc.getMetadata().getCreationTimestamp()), chain(via, step + ": no storage class")),
                        hops));
            } else if (!waitForConsumer && !via.isEmpty()) {
                out.add(new Scored(PodChecks.finding("pvc.pending", Category.STORAGE, ref, ref, 0.5,
                        "PersistentVolumeClaim " + ns + "/" + name + " is Pending", d,
                        Times.parse(pvc.getMetadata().getCreationTimestamp()), chain(via, step)), hops));
            }
        } else if ("Lost".equals(phase)) {
            out.add(new Scored(PodChecks.finding("pvc.lost", Category.STORAGE, ref, ref, 0.9,
                    "PersistentVolumeClaim " + ns + "/" + name + " lost its PersistentVolume", d, null,
                    chain(via, step + ": its volume is gone")), hops));
        }
        if (resize != null) {
            d.put("event_message", resize.getMessage());
            out.add(new Scored(PodChecks.finding("pvc.resize_failed", Category.STORAGE, ref, ref, 0.7,
                    "PersistentVolumeClaim " + ns + "/" + name + " cannot be resized: " + resize.getMessage(), d,
                    Times.firstSeen(resize), chain(via, step + ": " + resize.getReason())), hops));
        }
        return out;
    }

    static List<String> chain(List<String> via, String step) {
        List<String> c = new ArrayList<>(via);
        c.add(step);
        return c;
    }
}
