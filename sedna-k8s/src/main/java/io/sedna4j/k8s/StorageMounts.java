package io.sedna4j.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes the model and dataset URLs of Sedna's environment available inside the containers, as Sedna does:
 * <ul>
 * <li>{@code s3://} and {@code http(s)://} URLs are downloaded by an init container into an emptyDir at
 * {@code /downloads/<host><path>}, mounted read-only in the workers, and the variable points there;</li>
 * <li>absolute host paths ({@code /data/x} or {@code file:///data/x}) mount their parent directory at
 * {@code /home/data<dir>}, the variable points to {@code /home/data<path>}, and {@code DATA_PATH_PREFIX} is set.</li>
 * </ul>
 * A variable whose resource names a {@code credentialName} gets the S3 keys of that Secret as Sedna names them
 * ({@code S3_ENDPOINT_URL}, {@code ACCESS_KEY_ID}, {@code SECRET_ACCESS_KEY}) through {@code secretKeyRef}s: in the
 * init container for the {@code s3://} URLs it downloads, in the workers for those they read or write themselves.
 * The kubelet resolves them, so no value is ever copied and the GM needs no access to Secrets.
 * Lists ({@code MODEL_URLS}) are {@code ;}-separated. Paths are normalized first; a relative path, or one whose
 * parent would be the host's root, or one with {@code ..} in it, is left alone (a worker may resolve it itself), never mounted.
 */
final class StorageMounts {
    static final String DOWNLOADS = "/downloads";
    static final String HOST_PREFIX = "/home/data";
    static final String INITIALIZER = "storage-initializer";
    private static final String DOWNLOAD_VOLUME = "sedna-storage-initializer";
    /** Variables whose URLs are read: remote ones are downloaded. */
    private static final Set<String> INPUTS = Set.of("MODEL_URL", "MODEL_URLS", "BASE_MODEL_URL",
            "PRETRAINED_MODEL_URL", "TRAIN_DATASET_URL", "TEST_DATASET_URL", "ORIGINAL_DATASET_URL", "CLOUD_KB_INDEX");
    /** Variables the worker writes to: only host paths are mounted, remote ones the worker writes itself. */
    private static final Set<String> OUTPUTS = Set.of("OUTPUT_URL", "AGG_DATA_PATH");
    /** The Secret's keys, and the variables Sedna's storage initializer and library read them from. */
    static final List<String> S3_KEYS = List.of("S3_ENDPOINT_URL", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY");

    private final String image;
    private final List<String> downloads = new ArrayList<>();          // src, dst, src, dst, ...
    private final Map<String, String> hostDirs = new LinkedHashMap<>(); // host dir -> volume name
    private final Map<String, String> credentials;                      // variable -> Secret name
    private String initializerSecret;
    private String workerSecret;

    /** {@code credentials}: the Secret that holds the S3 keys of each URL variable that has one. */
    StorageMounts(String image, Map<String, String> credentials) {
        this.image = image;
        this.credentials = credentials;
    }

    void apply(PodSpec spec) {
        List<Container> containers = spec.getContainers() == null ? List.of() : spec.getContainers();
        for (Container c : containers) {
            for (EnvVar v : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                boolean input = INPUTS.contains(v.getName());
                if ((input || OUTPUTS.contains(v.getName())) && v.getValue() != null && !v.getValue().isEmpty()) {
                    List<String> mapped = new ArrayList<>();
                    for (String url : v.getValue().split(";")) {
                        String local = map(url.trim(), input);
                        mapped.add(local);
                        secretFor(v.getName(), url.trim(), !local.equals(url.trim()));
                    }
                    v.setValue(String.join(";", mapped));
                }
            }
        }
        if (workerSecret != null) {
            for (Container c : containers) {
                List<EnvVar> env = new ArrayList<>(c.getEnv() == null ? List.of() : c.getEnv());
                // a key the template sets itself is the user's choice
                secretEnv(workerSecret).stream()
                        .filter(e -> env.stream().noneMatch(v -> e.getName().equals(v.getName()))).forEach(env::add);
                c.setEnv(env);
            }
        }
        if (hostDirs.isEmpty() && downloads.isEmpty()) {
            return;
        }
        List<Volume> volumes = new ArrayList<>(spec.getVolumes() == null ? List.of() : spec.getVolumes());
        hostDirs.forEach((dir, name) -> volumes.add(new VolumeBuilder().withName(name)
                .withNewHostPath().withPath(dir).withType("DirectoryOrCreate").endHostPath().build()));
        if (!downloads.isEmpty()) {
            volumes.add(new VolumeBuilder().withName(DOWNLOAD_VOLUME).withNewEmptyDir().endEmptyDir().build());
            List<Container> inits = new ArrayList<>(spec.getInitContainers() == null ? List.of()
                    : spec.getInitContainers());
            inits.add(new ContainerBuilder().withName(INITIALIZER).withImage(image).withImagePullPolicy("IfNotPresent")
                    .withArgs(downloads).addNewEnv().withName("INDIRECT_URL_MARK").withValue("@").endEnv()
                    .addAllToEnv(initializerSecret == null ? List.of() : secretEnv(initializerSecret))
                    .withNewResources().withLimits(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
                    .endResources().withTerminationMessagePolicy("FallbackToLogsOnError")
                    .addNewVolumeMount().withName(DOWNLOAD_VOLUME).withMountPath(DOWNLOADS).endVolumeMount()
                    .build());
            spec.setInitContainers(inits);
        }
        spec.setVolumes(volumes);
        for (Container c : containers) {
            List<VolumeMount> mounts = new ArrayList<>(c.getVolumeMounts() == null ? List.of() : c.getVolumeMounts());
            hostDirs.forEach((dir, name) -> mounts.add(new VolumeMountBuilder().withMountPath(HOST_PREFIX + dir)
                    .withName(name).build()));
            if (!downloads.isEmpty()) {
                mounts.add(new VolumeMountBuilder().withMountPath(DOWNLOADS).withName(DOWNLOAD_VOLUME)
                        .withReadOnly(true).build());
            }
            c.setVolumeMounts(mounts);
            if (!hostDirs.isEmpty()) {
                List<EnvVar> env = new ArrayList<>(c.getEnv() == null ? List.of() : c.getEnv());
                if (env.stream().noneMatch(v -> "DATA_PATH_PREFIX".equals(v.getName()))) {
                    env.add(new EnvVar("DATA_PATH_PREFIX", HOST_PREFIX, null));
                }
                c.setEnv(env);
            }
        }
    }

    /**
     * Notes the Secret of an {@code s3://} URL: the initializer's if it downloads it, else the workers'. A container
     * holds one set of Sedna's S3 variables, so the first Secret named wins (as with Sedna's appended envs).
     */
    private void secretFor(String variable, String url, boolean downloaded) {
        String secret = credentials.get(variable);
        if (secret == null || !"s3".equals(scheme(url))) {
            return;
        }
        if (downloaded) {
            initializerSecret = initializerSecret == null ? secret : initializerSecret;
        } else {
            workerSecret = workerSecret == null ? secret : workerSecret;
        }
    }

    private static List<EnvVar> secretEnv(String secret) {
        return S3_KEYS.stream().map(key -> new EnvVarBuilder().withName(key).withNewValueFrom()
                .withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom().build()).toList();
    }

    /** Where the container finds {@code url}; registers the download or the host mount it needs. */
    private String map(String url, boolean input) {
        String scheme = scheme(url);
        if (scheme == null || scheme.equals("file")) {
            String path = scheme == null ? url : URI.create(url).getPath();
            return hostPath(path).orElse(url);
        }
        if (input && (scheme.equals("s3") || scheme.equals("http") || scheme.equals("https"))) {
            URI uri = URI.create(url);
            String local = Path.of(DOWNLOADS, uri.getHost() == null ? "" : uri.getHost(),
                    uri.getPath() == null ? "" : uri.getPath()).normalize().toString();
            if (!local.startsWith(DOWNLOADS + "/")) {
                return url; // a path that climbs out of the download dir: let the worker fetch it
            }
            String dst = Path.of(local).getParent().toString();
            if (!downloads.contains(url)) {
                downloads.add(url);
                downloads.add(dst);
            }
            return local;
        }
        return url;
    }

    private java.util.Optional<String> hostPath(String raw) {
        if (raw == null || !raw.startsWith("/") || List.of(raw.split("/")).contains("..")) {
            return java.util.Optional.empty();
        }
        Path path = Path.of(raw).normalize();
        Path parent = path.getParent();
        if (parent == null || parent.getParent() == null) {
            return java.util.Optional.empty(); // never the host's root
        }
        String dir = parent.toString();
        hostDirs.computeIfAbsent(dir, StorageMounts::volumeName);
        return java.util.Optional.of(HOST_PREFIX + path);
    }

    private static String scheme(String url) {
        int colon = url.indexOf("://");
        return colon <= 0 ? null : url.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** A valid, unique volume name for a host dir: RFC 1123, at most 63 characters. */
    static String volumeName(String dir) {
        String base = dir.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        String hash = Integer.toHexString(dir.hashCode());
        if (base.length() > 50) {
            base = base.substring(0, 50).replaceAll("-+$", "");
        }
        return "host-" + (base.isEmpty() ? "" : base + "-") + hash;
    }
}
