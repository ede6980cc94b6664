package io.sedna4j.control.controllers;

/**
 * Where multi-edge inference workers exchange messages when their resource has {@code kafkaSupport: true}: the
 * broker the platform provides (standalone: the GM's embedded one). Its address replaces KAFKA_BIND_IPS and
 * KAFKA_BIND_PORTS in the workers' environment, which in Sedna's samples are placeholders to edit by hand.
 *
 * @param kafkaHost null when the platform provides no broker: the manifest's own variables stand
 */
public record Streaming(String kafkaHost, int kafkaPort) {
    public static final Streaming NONE = new Streaming(null, 0);

    /** Adds the broker to a worker's environment when the resource asks for Kafka and there is one. */
    Workers.Env apply(Workers.Env env, Boolean kafkaSupport) {
        env.put("KAFKA_ENABLED", Boolean.TRUE.equals(kafkaSupport));
        if (Boolean.TRUE.equals(kafkaSupport) && kafkaHost != null) {
            env.put("KAFKA_BIND_IPS", kafkaHost).put("KAFKA_BIND_PORTS", kafkaPort);
        }
        return env;
    }
}
