package io.sedna4j.control.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.ApiException;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.ControlException;
import io.sedna4j.control.store.ResourceStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds nodes' {@code status} frames into resource statuses: finds the resource the header names, lets its
 * controller update a copy, and writes the status back, re-reading and retrying when a concurrent write won. A frame
 * that names an unknown kind or resource, or cannot be read, is logged and dropped: a node must never be able to
 * break the Global Manager.
 */
final class UpstreamHandler {
    private static final Logger log = LoggerFactory.getLogger(UpstreamHandler.class);
    static final int ATTEMPTS = 5;
    private static final Set<String> MESSAGE_FIELDS = Set.of("phase", "status", "input", "output");

    private final ResourceStore store;
    private final Map<Kind, Controller<?>> controllers;
    private final Function<Owner, Observed> observe;

    UpstreamHandler(ResourceStore store, Map<Kind, Controller<?>> controllers, Function<Owner, Observed> observe) {
        this.store = store;
        this.controllers = controllers;
        this.observe = observe;
    }

    void handle(String node, Frame frame) {
        Frame.Header h = frame.header();
        if (h == null || !Operation.STATUS.equals(h.operation())) {
            return; // acks, heartbeats and worker phases are other components' business
        }
        try {
            apply(node, h, frame);
        } catch (ApiException | ControlException e) {
            // bad input from a node, or the store refused: the message says what; no stack trace
            log.warn("status from node {} for {} {}/{} was not applied: {}", node, h.resourceKind(), h.namespace(),
                    h.resourceName(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("status from node {} for {} {}/{} was not applied: {}", node, h.resourceKind(), h.namespace(),
                    h.resourceName(), e.toString(), e);
        }
    }

    private void apply(String node, Frame.Header h, Frame frame) {
        Kind kind = ResourceKey.kindOfHeader(h.resourceKind());
        Controller<?> controller = kind == null ? null : controllers.get(kind);
        if (controller == null) {
            log.warn("status from node {} names kind \"{}\" ({}/{}), which no controller handles; ignored", node,
                    h.resourceKind(), h.namespace(), h.resourceName());
            return;
        }
        UpstreamMessage message = message(frame.content(JsonNode.class));
        String namespace = h.namespace() == null || h.namespace().isEmpty() ? "default" : h.namespace();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Resource<?, ?>> found = store.get(kind, namespace, h.resourceName());
            if (found.isEmpty()) {
                log.warn("status from node {} for {} {}/{}, which does not exist; ignored", node, h.resourceKind(),
                        namespace, h.resourceName());
                return;
            }
            Resource<?, ?> stored = found.get();
            Resource<?, ?> copy = Resources.copy(stored);
            if (!ReconcileEngine.invokeUpstream(controller, copy, node, message, observe.apply(Owner.of(stored)))
                    || !Resources.differ(stored.status, copy.status)) {
                return;
            }
            try {
                store.updateStatus(copy);
                return;
            } catch (ControlException e) {
                if (e.reason() != ControlException.Reason.CONFLICT) {
                    throw e;
                }
                log.debug("status of {} changed meanwhile (attempt {}); re-reading", stored.key(), attempt);
            }
        }
        log.warn("status from node {} for {} {}/{} lost {} write races in a row; dropped", node, h.resourceKind(),
                namespace, h.resourceName(), ATTEMPTS);
    }

    /**
     * Sedna's message; a Dataset's report is bare ({@code {"numberOfSamples": N}}), so fields outside Sedna's message
     * shape are read as {@code output.ownerInfo} when there is no {@code output}.
     */
    static UpstreamMessage message(JsonNode content) {
        if (content == null || !content.isObject()) {
            throw new ControlException(ControlException.Reason.INVALID, "content is not a JSON object but "
                    + (content == null ? "empty" : content.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))
                    + "; fix the sender: it must be Sedna's upstream message {phase, status, input, output}");
        }
        UpstreamMessage m = ResourceCodec.json().convertValue(content, UpstreamMessage.class);
        if (content.hasNonNull("output")) {
            return m;
        }
        ObjectNode ownerInfo = JsonNodeFactory.instance.objectNode();
        content.properties().forEach(e -> {
            if (!MESSAGE_FIELDS.contains(e.getKey())) {
                ownerInfo.set(e.getKey(), e.getValue());
            }
        });
        if (ownerInfo.isEmpty()) {
            return m;
        }
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.set("ownerInfo", ownerInfo);
        return new UpstreamMessage(m.phase(), m.status(), m.input(), output);
    }
}
