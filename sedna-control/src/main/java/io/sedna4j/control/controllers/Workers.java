package io.sedna4j.control.controllers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.k8s.Container;
import io.sedna4j.api.k8s.ContainerPort;
import io.sedna4j.api.k8s.EnvVar;
import io.sedna4j.api.k8s.ObjectMeta;
import io.sedna4j.api.k8s.PodSpec;
import io.sedna4j.api.k8s.PodTemplateSpec;
import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.v1alpha1.HardExampleMining;
import io.sedna4j.api.v1alpha1.ParaSpec;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.engine.Resources;
import io.sedna4j.control.node.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How workers are named and built: Sedna's environment contract, restart policy and backoff defaults. */
public final class Workers {
    /** Sedna's default for training, aggregation and job workers. */
    public static final String ON_FAILURE = "OnFailure";
    /** Sedna's default for service workers (they are Deployments there). */
    public static final String ALWAYS = "Always";
    /**
     * Changing this annotation of a resource re-runs its workers: each worker's template carries its value, so a
     * new value is a new worker spec. {@code sedna apply} sets it when a Failed resource is applied unchanged.
     */
    public static final String RETRY_ANNOTATION = "sedna.io/retry";
    /** Failed restarts allowed when the kind has no {@code backoffLimit} (Kubernetes Jobs' default). */
    public static final int DEFAULT_BACKOFF_LIMIT = 6;
    /**
     * The Secrets that hold the S3 credentials of the template's URL variables, as a JSON object
     * {@code {"MODEL_URL": "<credentialName>"}}: names only, never values. On Kubernetes the Pod gets the keys through
     * {@code secretKeyRef}s to these Secrets.
     */
    public static final String CREDENTIALS_ANNOTATION = "sedna.io/credential-names";

    private Workers() {
    }

    /** {@code lower(<resource>-<workerType>)}: stable across reconciles, so the platform keeps the same worker. */
    public static String name(Resource<?, ?> r, String workerType) {
        return (r.metadata.name + "-" + workerType).toLowerCase(Locale.ROOT);
    }

    /** {@code lower(<resource>-<workerType>-<index>)}, for lists and replicas. */
    public static String name(Resource<?, ?> r, String workerType, int index) {
        return name(r, workerType) + "-" + index;
    }

    /**
     * A worker from a deep copy of {@code template} with {@code env} set in every container. A variable the template
     * also defines is replaced: the contract's value is the one Sedna's workers would see (Kubernetes lets the last
     * of duplicate names win, and Sedna appends), and a process gets no duplicates.
     */
    public static WorkerSpec spec(Resource<?, ?> owner, String name, String workerType, Node node,
                                  PodTemplateSpec template, Map<String, String> env, String defaultRestartPolicy,
                                  int backoffLimit) {
        return spec(owner, name, workerType, node, template, new Env(env, Map.of()), defaultRestartPolicy,
                backoffLimit);
    }

    /** As above, and the Secrets named for the URL variables go to {@link #CREDENTIALS_ANNOTATION}. */
    public static WorkerSpec spec(Resource<?, ?> owner, String name, String workerType, Node node,
                                  PodTemplateSpec template, Env environment, String defaultRestartPolicy,
                                  int backoffLimit) {
        Map<String, String> env = environment.toMap();
        PodTemplateSpec copy = template == null ? new PodTemplateSpec() : Resources.copy(template);
        if (copy.spec == null) {
            copy.spec = new PodSpec();
        }
        String retry = owner.metadata.annotations == null ? null : owner.metadata.annotations.get(RETRY_ANNOTATION);
        if (retry != null) {
            annotate(copy, RETRY_ANNOTATION, retry);
        }
        if (copy.metadata != null && copy.metadata.annotations != null) {
            copy.metadata.annotations.remove(CREDENTIALS_ANNOTATION); // only the resources' credentialNames count
        }
        if (!environment.credentials.isEmpty()) {
            ObjectNode names = JsonNodeFactory.instance.objectNode();
            environment.credentials.forEach(names::put);
            annotate(copy, CREDENTIALS_ANNOTATION, names.toString());
        }
        for (Container c : copy.spec.containers == null ? List.<Container>of() : copy.spec.containers) {
            List<EnvVar> vars = c.env == null ? new ArrayList<>() : new ArrayList<>(c.env);
            vars.removeIf(v -> env.containsKey(v.name));
            env.forEach((k, v) -> vars.add(new EnvVar(k, v)));
            c.env = vars;
        }
        String restart = copy.spec.restartPolicy != null ? copy.spec.restartPolicy : defaultRestartPolicy;
        return new WorkerSpec(name, Owner.of(owner), workerType, node.name(), copy, restart, backoffLimit);
    }

    private static void annotate(PodTemplateSpec t, String key, String value) {
        if (t.metadata == null) {
            t.metadata = new ObjectMeta();
        }
        if (t.metadata.annotations == null) {
            t.metadata.annotations = new LinkedHashMap<>();
        }
        t.metadata.annotations.put(key, value);
    }

    /** A job's {@code backoffLimit}, else {@link #DEFAULT_BACKOFF_LIMIT}. */
    public static int backoffLimit(Integer limit) {
        return limit == null ? DEFAULT_BACKOFF_LIMIT : limit;
    }

    /** The environment every worker gets: WORKER_NAME, NAMESPACE and SERVICE_NAME (services) or JOB_NAME (jobs). */
    public static Env env(Resource<?, ?> r, String workerName, boolean service) {
        return new Env().put("WORKER_NAME", workerName).put("NAMESPACE", r.metadata.namespaceOrDefault())
                .put(service ? "SERVICE_NAME" : "JOB_NAME", r.metadata.name);
    }

    /** The first containerPort of the template's containers, else {@code fallback}. */
    public static int firstPort(PodTemplateSpec template, int fallback) {
        if (template != null && template.spec != null && template.spec.containers != null) {
            for (Container c : template.spec.containers) {
                for (ContainerPort p : c.ports == null ? List.<ContainerPort>of() : c.ports) {
                    if (p.containerPort != null) {
                        return p.containerPort;
                    }
                }
            }
        }
        return fallback;
    }

    /** Where other workers reach workers on {@code node}: its address, else its name as a host name. */
    public static String address(Node node) {
        return node.address() == null || node.address().isEmpty() ? node.name() : node.address();
    }

    /** HEM_PARAMETERS: Sedna's JSON array {@code [{"key":..,"value":..}]}, values kept as strings. */
    public static String hemParameters(HardExampleMining hem) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ParaSpec p : hem == null || hem.parameters == null ? List.<ParaSpec>of() : hem.parameters) {
            array.addObject().put("key", p.key).put("value", p.value);
        }
        return array.toString();
    }

    /** An ordered environment; null values are left out, so optional variables need no ifs. */
    public static final class Env {
        private final Map<String, String> vars;
        private final Map<String, String> credentials; // variable -> Secret name

        public Env() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>());
        }

        private Env(Map<String, String> vars, Map<String, String> credentials) {
            this.vars = vars;
            this.credentials = credentials;
        }

        public Env put(String name, Object value) {
            if (value != null) {
                vars.put(name, value.toString());
            }
            return this;
        }

        /** A URL variable whose S3 credentials are in the Secret {@code credentialName} (null or empty: none). */
        public Env put(String name, String url, String credentialName) {
            put(name, url);
            if (url != null && credentialName != null && !credentialName.isEmpty()) {
                credentials.put(name, credentialName);
            }
            return this;
        }

        public Map<String, String> toMap() {
            return vars;
        }
    }
}
