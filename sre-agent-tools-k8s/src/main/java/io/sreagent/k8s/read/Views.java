package io.sreagent.k8s.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.sreagent.core.support.Json;
import io.sreagent.k8s.internal.Times;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compact JSON views of API objects: what a person or a model needs, without managed fields and secret values. */
final class Views {

    private Views() {
    }

    static ObjectNode pod(Pod p) {
        ObjectNode o = Json.object();
        o.put("namespace", p.getMetadata().getNamespace());
        o.put("name", p.getMetadata().getName());
        o.put("phase", p.getStatus() == null ? null : p.getStatus().getPhase());
        if (p.getStatus() != null && p.getStatus().getReason() != null) {
            o.put("reason", p.getStatus().getReason());
            o.put("message", p.getStatus().getMessage());
        }
        o.put("node", p.getSpec() == null ? null : p.getSpec().getNodeName());
        o.put("created_at", p.getMetadata().getCreationTimestamp());
        o.put("start_time", p.getStatus() == null ? null : p.getStatus().getStartTime());
        o.put("pod_ip", p.getStatus() == null ? null : p.getStatus().getPodIP());
        o.put("qos_class", p.getStatus() == null ? null : p.getStatus().getQosClass());
        o.set("labels", Json.mapper().valueToTree(p.getMetadata().getLabels()));
        ArrayNode owners = o.putArray("owners");
        if (p.getMetadata().getOwnerReferences() != null) {
            p.getMetadata().getOwnerReferences().forEach(r -> owners.addObject().put("kind", r.getKind()).put("name", r.getName()));
        }
        ArrayNode conds = o.putArray("conditions");
        if (p.getStatus() != null && p.getStatus().getConditions() != null) {
            p.getStatus().getConditions().forEach(c -> {
                ObjectNode cn = conds.addObject().put("type", c.getType()).put("status", c.getStatus());
                if (c.getReason() != null) {
                    cn.put("reason", c.getReason());
                }
                if (c.getMessage() != null) {
                    cn.put("message", c.getMessage());
                }
                cn.put("last_transition_time", c.getLastTransitionTime());
            });
        }
        ArrayNode containers = o.putArray("containers");
        List<Container> specs = new ArrayList<>();
        List<ContainerStatus> statuses = new ArrayList<>();
        if (p.getSpec() != null) {
            if (p.getSpec().getInitContainers() != null) {
                specs.addAll(p.getSpec().getInitContainers());
            }
            if (p.getSpec().getContainers() != null) {
                specs.addAll(p.getSpec().getContainers());
            }
        }
        if (p.getStatus() != null) {
            if (p.getStatus().getInitContainerStatuses() != null) {
                statuses.addAll(p.getStatus().getInitContainerStatuses());
            }
            if (p.getStatus().getContainerStatuses() != null) {
                statuses.addAll(p.getStatus().getContainerStatuses());
            }
        }
        for (Container c : specs) {
            ObjectNode cn = containers.addObject();
            cn.put("name", c.getName());
            cn.put("image", c.getImage());
            boolean init = p.getSpec().getInitContainers() != null && p.getSpec().getInitContainers().contains(c);
            if (init) {
                cn.put("init", true);
            }
            if (c.getResources() != null) {
                cn.set("requests", quantities(c.getResources().getRequests()));
                cn.set("limits", quantities(c.getResources().getLimits()));
            }
            if (c.getLivenessProbe() != null) {
                cn.set("liveness_probe", Json.mapper().valueToTree(c.getLivenessProbe()));
            }
            if (c.getReadinessProbe() != null) {
                cn.set("readiness_probe", Json.mapper().valueToTree(c.getReadinessProbe()));
            }
            if (c.getStartupProbe() != null) {
                cn.set("startup_probe", Json.mapper().valueToTree(c.getStartupProbe()));
            }
            ArrayNode refs = cn.putArray("config_refs");
            if (c.getEnvFrom() != null) {
                c.getEnvFrom().forEach(ef -> {
                    if (ef.getConfigMapRef() != null) {
                        refs.add("ConfigMap/" + ef.getConfigMapRef().getName());
                    }
                    if (ef.getSecretRef() != null) {
                        refs.add("Secret/" + ef.getSecretRef().getName());
                    }
                });
            }
            if (c.getEnv() != null) {
                c.getEnv().forEach(ev -> {
                    if (ev.getValueFrom() != null && ev.getValueFrom().getConfigMapKeyRef() != null) {
                        refs.add("ConfigMap/" + ev.getValueFrom().getConfigMapKeyRef().getName() + "#"
                                + ev.getValueFrom().getConfigMapKeyRef().getKey());
                    }
                    if (ev.getValueFrom() != null && ev.getValueFrom().getSecretKeyRef() != null) {
                        refs.add("Secret/" + ev.getValueFrom().getSecretKeyRef().getName() + "#"
                                + ev.getValueFrom().getSecretKeyRef().getKey());
                    }
                });
            }
            statuses.stream().filter(s -> s.getName().equals(c.getName())).findFirst().ifPresent(s -> {
                cn.put("ready", Boolean.TRUE.equals(s.getReady()));
                cn.put("restart_count", s.getRestartCount());
                cn.set("state", state(s.getState()));
                ObjectNode last = state(s.getLastState());
                if (!last.isEmpty()) {
                    cn.set("last_state", last);
                }
            });
        }
        return o;
    }

    static ObjectNode state(ContainerState st) {
        ObjectNode o = Json.object();
        if (st == null) {
            return o;
        }
        if (st.getWaiting() != null) {
            o.putObject("waiting").put("reason", st.getWaiting().getReason()).put("message", st.getWaiting().getMessage());
        }
        if (st.getRunning() != null) {
            o.putObject("running").put("started_at", st.getRunning().getStartedAt());
        }
        if (st.getTerminated() != null) {
            var t = st.getTerminated();
            ObjectNode tn = o.putObject("terminated");
            tn.put("reason", t.getReason());
            tn.put("exit_code", t.getExitCode());
            tn.put("signal", t.getSignal());
            tn.put("started_at", t.getStartedAt());
            tn.put("finished_at", t.getFinishedAt());
            if (t.getMessage() != null) {
                tn.put("message", t.getMessage());
            }
        }
        return o;
    }

    static ObjectNode quantities(Map<String, Quantity> m) {
        ObjectNode o = Json.object();
        if (m != null) {
            m.forEach((k, v) -> o.put(k, v.toString()));
        }
        return o;
    }

    /** Events sorted oldest first and de-duplicated by type, reason, message and source, with counts summed. */
    static ArrayNode events(List<Event> events, int limit) {
        Map<String, Object[]> groups = new LinkedHashMap<>();
        for (Event e : events) {
            String src = e.getSource() != null && e.getSource().getComponent() != null ? e.getSource().getComponent()
                    : e.getReportingComponent();
            String key = e.getType() + "|" + e.getReason() + "|" + e.getMessage() + "|" + src + "|"
                    + (e.getInvolvedObject() == null ? "" : e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName());
            Object[] g = groups.get(key);
            Instant first = Times.firstSeen(e);
            Instant last = Times.lastSeen(e);
            if (g == null) {
                groups.put(key, new Object[]{e, Times.count(e), first, last, src});
            } else {
                g[1] = (Integer) g[1] + Times.count(e);
                if (first != null && (g[2] == null || first.isBefore((Instant) g[2]))) {
                    g[2] = first;
                }
                if (last != null && (g[3] == null || last.isAfter((Instant) g[3]))) {
                    g[3] = last;
                }
            }
        }
        List<Object[]> list = new ArrayList<>(groups.values());
        list.sort(Comparator.comparing((Object[] g) -> g[3] == null ? Instant.EPOCH : (Instant) g[3]));
        if (list.size() > limit) {
            list = list.subList(list.size() - limit, list.size());
        }
        ArrayNode out = Json.mapper().createArrayNode();
        for (Object[] g : list) {
            Event e = (Event) g[0];
            ObjectNode o = out.addObject();
            o.put("type", e.getType());
            o.put("reason", e.getReason());
            o.put("message", e.getMessage());
            o.put("count", (Integer) g[1]);
            o.put("first_seen", Objects.toString(g[2], null));
            o.put("last_seen", Objects.toString(g[3], null));
            o.put("source", (String) g[4]);
            if (e.getInvolvedObject() != null) {
                o.put("object", e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName());
            }
        }
        return out;
    }

    static String eventsText(ArrayNode events) {
        StringBuilder sb = new StringBuilder();
        for (var e : events) {
            sb.append(e.path("last_seen").asText("?")).append(' ').append(e.path("type").asText()).append(' ')
                    .append(e.path("reason").asText()).append(" x").append(e.path("count").asInt()).append(' ')
                    .append(e.path("object").asText()).append(": ").append(e.path("message").asText()).append('\n');
        }
        return sb.length() == 0 ? "no events" : sb.toString().trim();
    }
}
