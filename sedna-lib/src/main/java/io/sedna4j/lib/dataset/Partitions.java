package io.sedna4j.lib.dataset;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.Example;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Splits a data set across the clients of a federated-learning simulation. Every example goes to exactly one client;
 * equal seeds give equal splits.
 */
public final class Partitions {
    /** The fewest examples a non-IID client ends with (or all of them over the clients when there are fewer). */
    public static final int MINIMUM = 10;

    private Partitions() {
    }

    /** IID: the examples shuffled, then cut into {@code clients} parts whose sizes differ by at most one. */
    public static <E> List<List<E>> iid(List<E> examples, int clients, long seed) {
        check(examples.size(), clients);
        List<E> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        List<List<E>> parts = new ArrayList<>(clients);
        for (int k = 0; k < clients; k++) {
            parts.add(new ArrayList<>(shuffled.subList(cut(shuffled.size(), k, clients),
                    cut(shuffled.size(), k + 1, clients))));
        }
        return parts;
    }

    /**
     * Non-IID: for each class, client shares drawn from a symmetric Dirichlet(α) split that class's (shuffled)
     * examples. Small α gives each client a few dominant classes (α = 0.1: nearly one class per client); large α
     * approaches the IID split (α = 100). Sizes differ between clients too, as on real edges.
     *
     * <p>A draw can leave a client (almost) empty. Rather than redrawing, which may never end for tiny α and many
     * clients, each client below {@link #MINIMUM} examples (or {@code n / clients} if smaller) then takes the
     * missing ones from the end of the currently largest client's list; this moves at most
     * {@code MINIMUM × clients} examples, so the skew stays what α says.
     */
    public static <I> List<List<Example<I>>> dirichlet(List<Example<I>> examples, int clients, double alpha,
                                                       long seed) {
        check(examples.size(), clients);
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new LibException("Dirichlet alpha is " + alpha + "; fix: give a number above 0 (0.1: very skewed, "
                    + "0.5: skewed, 100: nearly IID)");
        }
        Random random = new Random(seed);
        TreeMap<Integer, List<Example<I>>> byClass = new TreeMap<>();
        for (Example<I> example : examples) {
            byClass.computeIfAbsent(example.label(), c -> new ArrayList<>()).add(example);
        }
        List<List<Example<I>>> parts = new ArrayList<>(clients);
        for (int k = 0; k < clients; k++) {
            parts.add(new ArrayList<>());
        }
        for (List<Example<I>> members : byClass.values()) {
            Collections.shuffle(members, random);
            double[] shares = dirichletShares(clients, alpha, random);
            double cumulative = 0;
            int from = 0;
            for (int k = 0; k < clients; k++) {
                cumulative += shares[k];
                int to = k == clients - 1 ? members.size() : (int) Math.round(cumulative * members.size());
                parts.get(k).addAll(members.subList(from, Math.max(from, to)));
                from = Math.max(from, to);
            }
        }
        topUp(parts, Math.min(MINIMUM, examples.size() / clients));
        for (List<Example<I>> part : parts) {
            Collections.shuffle(part, random);
        }
        return parts;
    }

    private static <E> void topUp(List<List<E>> parts, int minimum) {
        for (List<E> part : parts) {
            while (part.size() < minimum) {
                List<E> largest = Collections.max(parts, (a, b) -> Integer.compare(a.size(), b.size()));
                part.add(largest.remove(largest.size() - 1));
            }
        }
    }

    /** One draw of Dirichlet(α, …, α): independent Gamma(α) draws, normalised. */
    private static double[] dirichletShares(int clients, double alpha, Random random) {
        double[] shares = new double[clients];
        double sum = 0;
        while (sum == 0) { // all draws can underflow to 0 for tiny alpha
            for (int k = 0; k < clients; k++) {
                shares[k] = gamma(alpha, random);
                sum += shares[k];
            }
        }
        for (int k = 0; k < clients; k++) {
            shares[k] /= sum;
        }
        return shares;
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 through Gamma(shape + 1) · U^(1/shape). */
    private static double gamma(double shape, Random random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static int cut(int size, int k, int clients) {
        return (int) ((long) size * k / clients);
    }

    private static void check(int size, int clients) {
        if (clients < 1 || clients > size) {
            throw new LibException("cannot split " + size + " examples across " + clients + " clients; fix: give "
                    + "between 1 and " + size + " clients");
        }
    }
}
