package io.sedna4j.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.controllers.Workers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Kubernetes objects of a worker, without I/O: a Pod (or, for a service's always-on worker, a one-replica
 * Deployment, as Sedna makes them) and, for the workers others connect to, a Service with Sedna's name and port.
 *
 * <p>Every object carries Sedna's labels ({@code <kind>.sedna.io/name|uid|worker-type}) and ours
 * ({@code sedna.io/worker}, {@code sedna.io/owner-kind}, managed-by): the platform recognises its objects by these
 * labels, never by parsing names. Every object has a controller ownerReference to its custom resource, so that
 * Kubernetes' garbage collector removes it with the resource.
 */
final class WorkerObjects {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "sedna4j";
    static final String WORKER = "sedna.io/worker";
    static final String OWNER_KIND = "sedna.io/owner-kind";
    static final String SPEC_HASH = "sedna.io/worker-spec-hash";
    static final String GENERATION = "sedna.io/owner-generation";
    static final String BACKOFF_LIMIT = "sedna.io/backoff-limit";
    static final String RESTART_POLICY = "sedna.io/restart-policy";

    /**
     * Sedna's Services, named {@code <resource>-<workerType>}, with port name {@code tcp-0} (EdgeMesh needs it) and
     * the worker's first container port, else Sedna's default.
     */
    private static final Map<String, Integer> SERVICE_PORTS = Map.of(
            "JointInferenceService/cloud", 5000,
            "FeatureExtractionService/fe", 6000,
            "FederatedLearningJob/aggregation", 7363,
            "VideoAnalyticsJob/videoanalytics", 4000,
            "ObjectSearchService/reidworker", 9378,
            "ObjectSearchService/userworker", 9379);

    private final PlatformOptions options;

    WorkerObjects(PlatformOptions options) {
        this.options = options;
    }

    /** Sedna runs services' workers as Deployments; they restart always, so Kubernetes' Deployment fits. */
    static boolean isDeployment(WorkerSpec w) {
        return w.owner().kind().endsWith("Service") && Workers.ALWAYS.equals(w.restartPolicy());
    }

    /** The Service port for the worker, or null when Sedna has no Service for its type. */
    static Integer servicePort(WorkerSpec w) {
        Integer fallback = SERVICE_PORTS.get(w.owner().kind() + "/" + w.workerType());
        return fallback == null ? null : Workers.firstPort(w.template(), fallback);
    }

    static String serviceName(Owner owner, String workerType) {
        return (owner.name() + "-" + workerType).toLowerCase(Locale.ROOT);
    }

    /** Sedna's label prefix, {@code lower(<Kind>).sedna.io/}. */
    static String prefix(String kind) {
        return kind.toLowerCase(Locale.ROOT) + "." + Resource.GROUP + "/";
    }

    /** The labels that select all objects of one owner. */
    static Map<String, String> ownerSelector(Owner owner) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(OWNER_KIND, owner.kind());
        labels.put(prefix(owner.kind()) + "name", owner.name());
        return labels;
    }

    static Map<String, String> labels(WorkerSpec w) {
        Map<String, String> labels = ownerSelector(w.owner());
        if (w.owner().uid() != null) {
            labels.put(prefix(w.owner().kind()) + "uid", w.owner().uid());
        }
        labels.put(prefix(w.owner().kind()) + "worker-type", w.workerType().toLowerCase(Locale.ROOT));
        labels.put(WORKER, w.name());
        return labels;
    }

    /** A digest of everything that makes the worker: a different hash means the object must be replaced. */
    static String hash(WorkerSpec w) {
        try {
            byte[] json = ResourceCodec.json().valueToTree(w).toString().getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    Pod pod(WorkerSpec w) {
        PodTemplateSpec template = template(w);
        template.getSpec().setRestartPolicy(w.restartPolicy());
        Pod pod = new Pod();
        pod.setMetadata(template.getMetadata());
        pod.getMetadata().setName(w.name());
        pod.getMetadata().setNamespace(w.owner().namespace());
        pod.getMetadata().setOwnerReferences(ownerReferences(w.owner()));
        pod.setSpec(template.getSpec());
        return pod;
    }

    Deployment deployment(WorkerSpec w) {
        PodTemplateSpec template = template(w);
        template.getSpec().setRestartPolicy(Workers.ALWAYS);
        template.getMetadata().setName(null);
        return new DeploymentBuilder()
                .withNewMetadata().withName(w.name()).withNamespace(w.owner().namespace())
                .withLabels(template.getMetadata().getLabels())
                .withAnnotations(template.getMetadata().getAnnotations())
                .withOwnerReferences(ownerReferences(w.owner())).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().withMatchLabels(Map.of(WORKER, w.name(), MANAGED_BY, MANAGER)).endSelector()
                // a new pod starts only once the old one is gone: both would bind the same host port
                .withNewStrategy().withType("Recreate").endStrategy()
                .withTemplate(template).endSpec().build();
    }

    Service service(WorkerSpec w, int port) {
        Map<String, String> selector = new LinkedHashMap<>(ownerSelector(w.owner()));
        selector.put(prefix(w.owner().kind()) + "worker-type", w.workerType().toLowerCase(Locale.ROOT));
        Map<String, String> labels = new LinkedHashMap<>(selector);
        return new ServiceBuilder()
                .withNewMetadata().withName(serviceName(w.owner(), w.workerType()))
                .withNamespace(w.owner().namespace()).withLabels(labels)
                .withOwnerReferences(ownerReferences(w.owner())).endMetadata()
                .withNewSpec().withType("ClusterIP").withSelector(selector)
                .addNewPort().withName("tcp-0").withProtocol("TCP").withPort(port)
                .withTargetPort(new IntOrString(port)).endPort().endSpec().build();
    }

    static List<OwnerReference> ownerReferences(Owner owner) {
        if (owner.uid() == null) {
            return List.of();
        }
        return List.of(new OwnerReferenceBuilder().withApiVersion(Resource.API_VERSION).withKind(owner.kind())
                .withName(owner.name()).withUid(owner.uid()).withController(true).withBlockOwnerDeletion(true)
                .build());
    }

    /**
     * The worker's Pod template, converted from our model: on its node, on the host network (workers reach their
     * Local Controller at localhost:9100, and other nodes' workers at the node's address, as controllers tell them),
     * with the LC and node in the environment and the model and dataset URLs made available to the containers.
     */
    private PodTemplateSpec template(WorkerSpec w) {
        PodTemplateSpec t = ResourceCodec.json().convertValue(w.template(), PodTemplateSpec.class);
        if (t.getMetadata() == null) {
            t.setMetadata(new ObjectMeta());
        }
        if (t.getSpec() == null) {
            t.setSpec(new PodSpec());
        }
        ObjectMeta meta = t.getMetadata();
        Map<String, String> labels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        labels.putAll(labels(w));
        meta.setLabels(labels);
        Map<String, String> annotations = new LinkedHashMap<>(meta.getAnnotations() == null ? Map.of()
                : meta.getAnnotations());
        annotations.put(SPEC_HASH, hash(w));
        annotations.put(GENERATION, Long.toString(w.owner().generation()));
        annotations.put(BACKOFF_LIMIT, Integer.toString(w.backoffLimit()));
        annotations.put(RESTART_POLICY, w.restartPolicy());
        meta.setAnnotations(annotations);
        PodSpec spec = t.getSpec();
        spec.setNodeName(w.node());
        spec.setHostNetwork(true);
        spec.setDnsPolicy("ClusterFirstWithHostNet"); // Services (EdgeMesh's too) still resolve on the host network
        for (Container c : spec.getContainers() == null ? List.<Container>of() : spec.getContainers()) {
            List<EnvVar> env = new ArrayList<>(c.getEnv() == null ? List.of() : c.getEnv());
            setIfAbsent(env, "LC_SERVER", "http://127.0.0.1:" + options.lcPort());
            setIfAbsent(env, "NODE_NAME", w.node());
            c.setEnv(env);
        }
        new StorageMounts(options.storageInitializerImage(), credentials(annotations)).apply(spec);
        return t;
    }

    /** The controllers' {@link Workers#CREDENTIALS_ANNOTATION}: which Secret holds the S3 keys of which variable. */
    private static Map<String, String> credentials(Map<String, String> annotations) {
        String json = annotations.get(Workers.CREDENTIALS_ANNOTATION);
        if (json == null) {
            return Map.of();
        }
        try {
            return ResourceCodec.json().readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("annotation " + Workers.CREDENTIALS_ANNOTATION + " is not a JSON object "
                    + "of strings: " + json, e); // only the controllers write it
        }
    }

    private static void setIfAbsent(List<EnvVar> env, String name, String value) {
        if (env.stream().noneMatch(v -> name.equals(v.getName()))) {
            env.add(new EnvVar(name, value, null));
        }
    }

    static String label(HasMetadata o, String key) {
        Map<String, String> labels = o.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    static String annotation(HasMetadata o, String key) {
        Map<String, String> annotations = o.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
