package io.sedna4j.k8s;

import java.time.Duration;

/**
 * How the Pod platform runs workers.
 *
 * @param namespace               the one namespace it manages, or null for all
 * @param lcPort                  the Local Controller's worker API port on every node (the DaemonSet's host port)
 * @param storageInitializerImage the init container that downloads s3:// and http(s):// model and dataset URLs
 *                                (Sedna's, whose arguments are {@code src dst ...})
 * @param minBackoff              the delay before a deleted or failed Pod is created again; doubles each time
 * @param maxBackoff              the cap on that delay
 */
public record PlatformOptions(String namespace, int lcPort, String storageInitializerImage, Duration minBackoff,
                              Duration maxBackoff) {
    public static final String STORAGE_INITIALIZER = "kubeedge/sedna-storage-initializer:v0.3.0";

    /** All namespaces, LC on 9100, Sedna's storage initializer, and Sedna's backoff: 10 s doubling up to 6 min. */
    public static PlatformOptions defaults() {
        return new PlatformOptions(null, 9100, STORAGE_INITIALIZER, Duration.ofSeconds(10), Duration.ofMinutes(6));
    }

    public PlatformOptions withNamespace(String namespace) {
        return new PlatformOptions(namespace, lcPort, storageInitializerImage, minBackoff, maxBackoff);
    }

    public PlatformOptions withBackoff(Duration min, Duration max) {
        return new PlatformOptions(namespace, lcPort, storageInitializerImage, min, max);
    }

    public PlatformOptions withStorageInitializerImage(String image) {
        return new PlatformOptions(namespace, lcPort, image, minBackoff, maxBackoff);
    }

    public PlatformOptions withLcPort(int port) {
        return new PlatformOptions(namespace, port, storageInitializerImage, minBackoff, maxBackoff);
    }
}
