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
        if (status != null && status.getMessage() != null) {
            return e.getCode() + " " + (status.getReason() == null ? "" : status.getReason() + ": ")
                    + status.getMessage();
        }
        return e.getCode() > 0 ? e.getCode() + " " + e.getMessage() : String.valueOf(e.getMessage());
    }
}
