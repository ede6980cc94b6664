package io.sedna4j.lib.federated;

import java.util.List;
import java.util.Map;

/**
 * What one closed round did: who took part, on how many samples, who was rejected or dropped, the clients'
 * training metrics (sample-weighted means) and, once the clients evaluated the new global model, its metrics.
 */
public record RoundSummary(int round, List<String> participants, long samples, List<String> rejected,
                           List<String> dropped, Map<String, Double> training, Map<String, Double> evaluation,
                           boolean last) {
    public RoundSummary {
        participants = List.copyOf(participants);
        rejected = List.copyOf(rejected);
        dropped = List.copyOf(dropped);
        training = Map.copyOf(training);
        evaluation = Map.copyOf(evaluation);
    }
}
