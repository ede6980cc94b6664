package io.sedna4j.api.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sedna4j.api.k8s.PodTemplateSpec;

/**
 * A worker a controller wants: what to run, where, and how to restart it. Standalone, the GM sends it to the node's
 * LC, which runs the template's first container as a process; on Kubernetes it becomes a Pod.
 *
 * @param name          unique in the owner's namespace, stable across reconciles (e.g. {@code svc-edge-0})
 * @param workerType    Sedna's worker type: edge, cloud, train, eval, inference, aggregation, …
 * @param node          the node it runs on, resolved by the controller
 * @param template      the Pod template, with Sedna's environment already injected
 * @param restartPolicy Always, OnFailure or Never
 * @param backoffLimit  restarts allowed after failures before the worker is Failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerSpec(String name, Owner owner, String workerType, String node, PodTemplateSpec template,
                         String restartPolicy, int backoffLimit) {
}
