package io.sedna4j.api.link;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.sedna4j.api.ApiException;
import io.sedna4j.api.codec.ResourceCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One WebSocket text frame between GM and LC. {@code header} and {@code content} are Sedna's (content is base64 of
 * a JSON document, because Sedna's Go side declares it {@code []byte}); {@code seq} numbers frames per sender and
 * direction, {@code ack} is the highest sequence number the sender has applied from its peer. A frame with only
 * {@code ack} acknowledges and carries nothing.
 *
 * @param header  what the content is about; null on a bare acknowledgement
 * @param content base64 JSON, or null
 * @param seq     the sender's sequence number for this frame, from 1; null on a bare acknowledgement
 * @param ack     cumulative acknowledgement of the peer's frames, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Frame(Header header, String content, Long seq, Long ack) {

    /** Sedna's message header: the resource concerned and the operation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Header(String namespace, String resourceKind, String resourceName, String operation) {
    }

    /** A frame carrying {@code payload} as base64 JSON; its {@code seq} is set by the outbox that sends it. */
    public static Frame of(Header header, Object payload) {
        byte[] json = ResourceCodec.toJson(payload).getBytes(StandardCharsets.UTF_8);
        return new Frame(header, Base64.getEncoder().encodeToString(json), null, null);
    }

    public static Frame ack(long ack) {
        return new Frame(null, null, null, ack);
    }

    public Frame withSeq(long seq) {
        return new Frame(header, content, seq, ack);
    }

    public Frame withAck(Long ack) {
        return new Frame(header, content, seq, ack);
    }

    @JsonIgnore
    public boolean isBareAck() {
        return header == null && seq == null;
    }

    /** The content decoded into {@code type}; an {@link ApiException} naming the frame if it is not that. */
    public <T> T content(Class<T> type) {
        try {
            return ResourceCodec.json().readValue(Base64.getDecoder().decode(content), type);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new ApiException("frame " + seq + " (" + (header == null ? "no header" : header.operation() + " "
                    + header.resourceKind() + " " + header.namespace() + "/" + header.resourceName())
                    + ") does not hold a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public String toJson() {
        return ResourceCodec.toJson(this);
    }

    public static Frame fromJson(String json) {
        try {
            return ResourceCodec.json().readValue(json, Frame.class);
        } catch (JsonProcessingException e) {
            throw new ApiException("not a Sedna link frame: " + e.getOriginalMessage(), e);
        }
    }
}
