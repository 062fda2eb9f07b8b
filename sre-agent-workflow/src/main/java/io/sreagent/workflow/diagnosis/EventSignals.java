package io.sreagent.workflow.diagnosis;

import io.sreagent.core.incident.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the reason and message of a Kubernetes event or an alert suggest, before any investigation: the wording
 * kubelet, the scheduler, controllers and common alert rules use for each failure class.
 *
 * <p>These are priors with modest confidence; the investigation confirms or overrules them. Stateless.
 */
public final class EventSignals {

    /** One suggestion: a category and how strongly the wording alone supports it. */
    public record Signal(Category category, double confidence, String matched) {
    }

    private record Rule(Pattern pattern, Category category, double confidence) {
    }

    private static final List<Rule> RULES = List.of(
            rule("(?i)\\bOOMKill|out of memory|memory limit", Category.OOM_KILLED, 0.5),
            rule("(?i)insufficient (cpu|memory|nvidia|ephemeral)", Category.UNSCHEDULABLE_RESOURCES, 0.6),
            rule("(?i)didn't match (pod's )?node (affinity|selector)|untolerated taint|had taint|topology spread|didn't match pod (anti-)?affinity|node\\(s\\) had volume node affinity conflict",
                    Category.UNSCHEDULABLE_CONSTRAINTS, 0.55),
            rule("(?i)unbound (immediate )?persistentvolumeclaims|provisioningfailed|failedmount|failedattachvolume|multi-attach|storageclass.* not found|mountvolume",
                    Category.STORAGE, 0.55),
            rule("(?i)(configmap|secret) \"?[^\"]*\"? not found|couldn't find key|createcontainerconfigerror", Category.CONFIG_MISSING, 0.6),
            rule("(?i)errimagepull|imagepullbackoff|manifest unknown|pull access denied|failed to pull image|invalidimagename|repository does not exist",
                    Category.IMAGE_PULL, 0.6),
            rule("(?i)(liveness|readiness|startup) probe failed", Category.PROBE_FAILURE, 0.45),
            rule("(?i)exceeded quota|forbidden: maximum|forbidden: minimum|limitrange", Category.QUOTA_EXCEEDED, 0.6),
            rule("(?i)nodenotready|node is not ready|kubelet stopped posting|nodehasinsufficient|(memory|disk|pid)pressure|the node was low on resource|evicted",
                    Category.NODE_FAILURE, 0.45),
            rule("(?i)backofflimitexceeded|deadlineexceeded|job has reached the specified backoff limit|job was active longer",
                    Category.JOB_FAILED, 0.55),
            rule("(?i)x509|certificate has expired|pkix path|certificate verify failed|tls: .*certificate", Category.CERTIFICATE_EXPIRED, 0.5),
            rule("(?i)no space left on device|volume .* (is )?full|disk ?full|kubelet_volume", Category.DISK_FULL, 0.5),
            rule("(?i)no such host|temporary failure in name resolution|unknownhostexception|enotfound|dns", Category.DNS_FAILURE, 0.4),
            rule("(?i)connection refused|econnrefused|no endpoints available|upstream connect error", Category.DEPENDENCY_UNAVAILABLE, 0.35),
            rule("(?i)throttl", Category.CPU_THROTTLING, 0.45),
            rule("(?i)maxreplicas|toomanyreplicas|scalinglimited|saturat|capacity", Category.CAPACITY_SATURATION, 0.4),
            rule("(?i)errorrate|error rate|5xx|errorbudget|http.*errors?", Category.BAD_ROLLOUT, 0.3),
            rule("(?i)has no endpoints|endpoints? (is|are) empty|no ready endpoints", Category.SERVICE_NO_ENDPOINTS, 0.45),
            rule("(?i)back-off restarting failed container|crashloopbackoff|\\bbackoff\\b", Category.APP_CRASH, 0.25));

    private EventSignals() {
    }

    private static Rule rule(String regex, Category c, double confidence) {
        return new Rule(Pattern.compile(regex), c, confidence);
    }

    /** Every category the text suggests, strongest first. */
    public static List<Signal> classify(String reason, String message) {
        String text = (reason == null ? "" : reason) + " " + (message == null ? "" : message);
        List<Signal> out = new ArrayList<>();
        for (Rule r : RULES) {
            var m = r.pattern().matcher(text);
            if (m.find()) {
                out.add(new Signal(r.category(), r.confidence(), m.group()));
            }
        }
        out.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
        return out;
    }
}
