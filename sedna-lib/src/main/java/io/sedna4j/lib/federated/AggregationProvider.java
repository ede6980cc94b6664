package io.sedna4j.lib.federated;

import io.sedna4j.lib.algorithm.AlgorithmFactory;
import io.sedna4j.lib.algorithm.AlgorithmProvider;
import java.util.List;

/** The built-in aggregation algorithms, with the parameter names the validator knows (sedna-api Algorithms). */
public final class AggregationProvider implements AlgorithmProvider {
    @Override
    public List<AlgorithmFactory<?>> algorithms() {
        return List.of(
                AlgorithmFactory.of(Aggregation.TYPE, FedAvg.NAME, FedAvg.PARAMETERS, FedAvg::create),
                AlgorithmFactory.of(Aggregation.TYPE, FedProx.NAME, FedProx.PARAMETERS, FedProx::create));
    }
}
