package io.sedna4j.api.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a worker posts to its Local Controller at {@code POST /sedna/workers/{name}/info}: Sedna's payload.
 *
 * @param ownerKind lower-case kind of the owning resource, e.g. {@code jointinferenceservice}
 * @param kind      the worker's kind: train, eval, deploy, inference
 * @param ownerInfo free statistics, e.g. {@code inferenceNumber}, {@code hardExampleNumber}
 * @param results   trained or evaluated models: {@code [{"format","url","metrics"}]}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerInfo(String name, String namespace, String ownerName, String ownerKind, String kind,
                         String status, JsonNode ownerInfo, JsonNode results) {
}
