package io.sedna4j.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sedna4j.control.ControlException;

/** The API server's refusals, in the control plane's terms, with what to do about them. */
final class Errors {
    private Errors() {
    }

    static ControlException control(KubernetesClientException e, String object, String request) {
        String message = object + ": " + request + " refused by the API server: " + describe(e);
        return switch (e.getCode()) {
            case 404 -> new ControlException(ControlException.Reason.NOT_FOUND, message
                    + "; fix: check that it (and its CRD) exist", e);
            case 409 -> new ControlException(request.equals("create")
                    || e.getStatus() != null && "AlreadyExists".equals(e.getStatus().getReason())
                    ? ControlException.Reason.ALREADY_EXISTS : ControlException.Reason.CONFLICT, message
                    + "; fix: read it again and retry", e);
            case 400, 422 -> new ControlException(ControlException.Reason.INVALID, message
                    + "; fix: correct the manifest (sedna validate -f FILE)", e);
            case 401, 403 -> new ControlException(ControlException.Reason.UNAVAILABLE, message
                    + "; fix: give the GM's service account the RBAC in deploy/rbac.yaml", e);
            default -> new ControlException(ControlException.Reason.UNAVAILABLE, message
                    + "; fix: check that the API server is reachable", e);
        };
    }

    /** {@code 409 Conflict: the object has been modified}, without fabric8's long prefix. */
    static String describe(KubernetesClientException e) {
        var status = e.getStatus();
        if (e.getCode() > 0 && status != null && status.getMessage() != null) {
            return e.getCode() + " " + (status.getReason() == null ? "" : status.getReason() + ": ")
                    + status.getMessage();
        }
        if (e.getCode() > 0) {
            return e.getCode() + " " + e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "no answer from the API server (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }

    /**
     * Why a watch could not start, and the fix for that cause: an unreachable server, missing rights, or (404) a
     * missing CRD, whose fix the caller knows.
     */
    static String watchFailure(KubernetesClientException e, String what, String notFoundFix) {
        String fix = switch (Math.max(0, e.getCode())) {
            case 0 -> "check that the API server in the kubeconfig (or the Pod's service account) is reachable, "
                    + "e.g. with 'kubectl get nodes'";
            case 401, 403 -> "give the GM's service account the RBAC in deploy/rbac.yaml";
            case 404 -> notFoundFix;
            default -> "check the API server's logs";
        };
        return "cannot watch " + what + ": " + describe(e) + "; fix: " + fix;
    }
}
