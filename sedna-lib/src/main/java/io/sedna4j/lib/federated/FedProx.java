package io.sedna4j.lib.federated;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.algorithm.Parameters;
import java.util.ArrayList;
import java.util.List;

/**
 * FedProx (Li et al. 2020): FedAvg on the server; each client adds the proximal term {@code mu/2 · ‖w − w_global‖²}
 * to its loss, which keeps updates from drifting apart when the clients' data differ (non-IID). The server sends
 * {@code mu} to the clients with every round.
 */
public final class FedProx extends FedAvg {
    public static final String NAME = "FedProx";
    static final List<String> PARAMETERS;

    static {
        List<String> p = new ArrayList<>(List.of("mu"));
        p.addAll(FedAvg.PARAMETERS);
        PARAMETERS = List.copyOf(p);
    }

    private final double mu;

    public FedProx(double mu, boolean secure, DifferentialPrivacy privacy) {
        super(secure, privacy);
        if (mu < 0) {
            throw new LibException("FedProx parameter mu is " + mu + "; fix: give 0 or more, e.g. 0.01");
        }
        this.mu = mu;
    }

    static FedProx create(Parameters p) {
        return new FedProx(p.number("mu", 0.01), secure(p), DifferentialPrivacy.from(p));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double mu() {
        return mu;
    }
}
