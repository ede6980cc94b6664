/**
 * Joint inference, Sedna's edge–cloud collaboration: {@link io.sedna4j.lib.jointinference.JointInference} on the
 * edge, {@link io.sedna4j.lib.jointinference.BigModelService} in the cloud, {@link
 * io.sedna4j.lib.jointinference.CloudClient} between them.
 *
 * <p>Wire format of {@code POST /{service}/predict} (the service is the JointInferenceService's name; {@code /sedna}
 * answers too, for Sedna's Python edge workers):
 * <ul>
 *   <li>JSON codecs: request {@code Content-Type: application/json} with {@code {"data": <value>}}, answer
 *     {@code {"result": <value>}}: Sedna's payload.</li>
 *   <li>binary codecs (bytes, JPEG images): request body = the codec's bytes with the codec's content type; answer
 *     body likewise. A JSON request may carry binary data as {@code {"data": "<base64>"}}.</li>
 *   <li>errors: 400 (input does not decode), 404, 405, 413 (over 100 MB), 500 (the model failed), each with
 *     {@code {"error": "…"}}.</li>
 * </ul>
 * {@code GET /{service}} answers {@code {"service","status":"ok","served","infos":[…]}}.
 */
package io.sedna4j.lib.jointinference;
