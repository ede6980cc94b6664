package io.sedna4j.api.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sedna's upstream report (content of a {@code status} frame): a stage or worker kind, its status, and its output
 * (trained models, statistics). Datasets report {@code {"numberOfSamples": N}} instead, read as {@code ownerInfo}.
 *
 * @param phase  train, eval, deploy, inference (Sedna's worker kinds)
 * @param status ready, completed, failed, running, …
 * @param input  the stage's input models and data, as Sedna's learning jobs give them
 * @param output {@code {"models": [...], "ownerInfo": {...}}}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpstreamMessage(String phase, String status, JsonNode input, JsonNode output) {
}
