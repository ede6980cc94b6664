package io.sedna4j.k8s;

/**
 * The Kubernetes adapters' one exception type: the cluster cannot be reached, a kubeconfig is unreadable, the API
 * server refused a request. Its message names the object, the request and the fix.
 */
public class KubernetesException extends RuntimeException {
    public KubernetesException(String message) {
        super(message);
    }

    public KubernetesException(String message, Throwable cause) {
        super(message, cause);
    }
}
