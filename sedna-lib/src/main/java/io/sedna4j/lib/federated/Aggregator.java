package io.sedna4j.lib.federated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import io.sedna4j.lib.tensor.Safetensors;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregation server's state machine, without I/O: clients subscribe, each round a cohort of
 * {@code participants_count} connected clients is sent the global model, trains and sends an update; the round
 * closes when every member answered (or was rejected, or left), or at the deadline with at least {@code quorum}
 * updates, so that late or dropped clients do not stall the job. A late update is then refused as stale. After
 * {@code exit_round} rounds the clients get the final model with {@code exit_flag=ok}.
 *
 * <p>Rejected, with a message to the client that names it, the round and the fix (the round goes on without it):
 * wrong tensor names or shapes, NaN or infinite values, a stale or future round, a second update in a round, a
 * client not selected for the round, a non-positive sample count.
 *
 * <p>With secure aggregation the updates arrive masked; the server adds them in the ring of {@link FixedPoint} and
 * learns only the sum. If members dropped out after masking, the survivors are asked for the pair seeds they shared
 * with them ({@link PairwiseMasks}) so that the server can remove those masks.
 *
 * <p>Methods are called by the I/O adapter (one at a time: they are synchronized) with the time in nanoseconds;
 * {@link #tick} lets deadlines pass.
 */
public final class Aggregator {
    private static final Logger LOG = LoggerFactory.getLogger(Aggregator.class);

    /** Where the state machine's messages go: the WebSocket adapter, or a test. */
    public interface Outbox {
        void text(String client, String json);

        void binary(String client, byte[] message);
    }

    /**
     * @param participantsCount clients per round (and needed before round 1 starts, until the deadline)
     * @param exitRound         rounds to run
     * @param quorum            updates enough to close a round at its deadline
     * @param roundTimeout      how long a round waits for its cohort
     */
    public record Settings(int participantsCount, int exitRound, int quorum, Duration roundTimeout) {
        public Settings {
            if (participantsCount < 1 || exitRound < 1 || quorum < 1) {
                throw new LibException("participants_count (" + participantsCount + "), exit_round (" + exitRound
                        + ") and quorum (" + quorum + ") must be at least 1; fix: set them to whole numbers >= 1");
            }
            quorum = Math.min(quorum, participantsCount);
        }
    }

    private final Aggregation algorithm;
    private final Settings settings;
    private final Outbox outbox;
    private final Random random;
    private final Map<String, String> clients = new LinkedHashMap<>(); // id → public key ("" when not secure)
    private final List<RoundSummary> history = new ArrayList<>();
    private final List<java.util.function.Consumer<RoundSummary>> listeners = new ArrayList<>();
    private NamedTensors global;
    private int completed;
    private int round; // the round being trained, 0 between rounds
    private Map<String, String> cohort = Map.of();
    private final Map<String, ClientUpdate> plain = new LinkedHashMap<>();
    private final Map<String, MaskedTensors> masked = new LinkedHashMap<>();
    private final Set<String> rejected = new LinkedHashSet<>();
    private final Set<String> gone = new LinkedHashSet<>();
    private final Map<String, Map<String, byte[]>> seeds = new LinkedHashMap<>();
    private List<String> dropped; // non-null while waiting for seeds
    private long deadline = Long.MAX_VALUE;
    private long waitingSince = -1;
    private boolean finished;

    public Aggregator(Aggregation algorithm, Settings settings, NamedTensors initial, Outbox outbox, Random random) {
        this.algorithm = algorithm;
        this.settings = settings;
        this.global = initial == null || initial.tensors().isEmpty() ? null : initial;
        this.outbox = outbox;
        this.random = random;
    }

    public Aggregator(Aggregation algorithm, Settings settings, NamedTensors initial, Outbox outbox) {
        this(algorithm, settings, initial, outbox, new SecureRandom());
    }

    public synchronized void onRound(java.util.function.Consumer<RoundSummary> listener) {
        listeners.add(listener);
    }

    public synchronized boolean finished() {
        return finished;
    }

    public synchronized int completedRounds() {
        return completed;
    }

    /** The global model now (null before the first round closed, when no initial model was given). */
    public synchronized NamedTensors global() {
        return global;
    }

    public synchronized List<RoundSummary> history() {
        return List.copyOf(history);
    }

    public synchronized Set<String> clients() {
        return Set.copyOf(clients.keySet());
    }

    // ---- events --------------------------------------------------------------------------------------------------

    /** A client subscribed; {@code publicKey} is its X25519 key (needed for secure aggregation). */
    public synchronized void subscribe(String client, String publicKey, long now) {
        if (algorithm.secure() && (publicKey == null || publicKey.isBlank())) {
            reject(client, 0, "it sent no public_key, and this job uses secure aggregation; fix: run a Sedna4J"
                    + " client, which sends its X25519 key with subscribe");
            return;
        }
        clients.put(client, publicKey == null ? "" : publicKey);
        ObjectNode ack = Protocol.message(Protocol.SUBSCRIBE).put("client_id", client)
                .put("participants_count", settings.participantsCount()).put("exit_round", settings.exitRound());
        outbox.text(client, Protocol.json(ack));
        LOG.debug("client {} subscribed ({} connected)", client, clients.size()); // one line per client: debug
        if (finished) {
            outbox.binary(client, model(Protocol.EXIT_OK));
        } else if (round == 0) {
            if (waitingSince < 0) {
                waitingSince = now;
            }
            start(now);
        } else {
            outbox.binary(client, model(Protocol.EXIT_CONTINUE)); // the model now; it joins a later cohort
        }
    }

    /** A client's connection closed. */
    public synchronized void disconnected(String client, long now) {
        clients.remove(client);
        if (round > 0 && cohort.containsKey(client)) {
            gone.add(client);
            LOG.warn("client {} left during round {}", client, round);
            maybeClose(now);
        }
    }

    /** A binary message: an update ({@code update_weight}). */
    public synchronized void binary(String client, byte[] bytes, long now) {
        boolean isMasked;
        Map<String, String> meta;
        try {
            isMasked = MaskedTensors.isMasked(bytes);
            meta = isMasked ? MaskedTensors.read(bytes, "the update of client " + client).metadata()
                    : Safetensors.metadata(bytes, "the update of client " + client);
        } catch (LibException e) {
            reject(client, round, e.getMessage());
            return;
        }
        int r = integer(meta.get("round_number"));
        String problem = admissible(client, meta, r);
        if (problem == null) {
            problem = isMasked ? acceptMasked(client, bytes, meta) : acceptPlain(client, bytes, meta);
        }
        if (problem != null) {
            if (r == round && cohort.containsKey(client) && !plain.containsKey(client) && !masked.containsKey(client)) {
                rejected.add(client); // its answer to this round; a duplicate leaves the first update counted
            }
            reject(client, r, problem);
        }
        maybeClose(now);
    }

    /** A text message: {@code seeds} after an {@code unmask} request, or {@code metrics} of the global model. */
    public synchronized void text(String client, JsonNode message, long now) {
        String type = message.path("type").asText();
        int r = message.path("round_number").asInt(-1);
        if (Protocol.METRICS.equals(type)) {
            evaluated(client, r, message.path("metrics"));
        } else if (Protocol.SEEDS.equals(type)) {
            if (dropped == null || r != round || !cohort.containsKey(client) || seeds.containsKey(client)) {
                reject(client, r, "it sent seeds that were not asked for (round " + round + " is not unmasking, or"
                        + " they came twice); fix: send seeds only in answer to an unmask message");
                return;
            }
            Map<String, byte[]> given = new LinkedHashMap<>();
            for (String d : dropped) {
                String s = message.path("seeds").path(d).asText("");
                byte[] seed = s.isEmpty() ? new byte[0] : Base64.getDecoder().decode(s);
                if (seed.length != 32) {
                    reject(client, r, "it sent no 32-byte seed for dropped client " + d + "; fix: answer unmask with"
                            + " the seed shared with every dropped client");
                    return;
                }
                given.put(d, seed);
            }
            seeds.put(client, given);
            maybeClose(now);
        } else {
            reject(client, r, "it sent a message of unknown type \"" + type + "\"; fix: send subscribe,"
                    + " update_weight (binary), seeds or metrics");
        }
    }

    /** Lets time pass: a round past its deadline closes on quorum, or waits longer if it has too few updates. */
    public synchronized void tick(long now) {
        if (finished) {
            return;
        }
        if (round == 0) {
            start(now);
            return;
        }
        if (now < deadline) {
            return;
        }
        int accepted = accepted().size();
        if (dropped != null) {
            LOG.warn("round {}: survivors {} did not reveal their seeds in time; the round starts over", round,
                    missingSeeds());
            restart(now);
        } else if (accepted >= settings.quorum()) {
            LOG.warn("round {} closes at its deadline with {} of {} updates (quorum {}); missing: {}", round,
                    accepted, cohort.size(), settings.quorum(), pending());
            close(now);
        } else {
            LOG.warn("round {}: {} of {} updates at the deadline, fewer than the quorum {}; waiting another {} s",
                    round, accepted, cohort.size(), settings.quorum(), settings.roundTimeout().toSeconds());
            deadline = now + settings.roundTimeout().toNanos();
            if (pending().isEmpty()) {
                restart(now);
            }
        }
    }

    // ---- rounds --------------------------------------------------------------------------------------------------

    private void start(long now) {
        List<String> available = new ArrayList<>(clients.keySet());
        boolean full = available.size() >= settings.participantsCount();
        boolean late = waitingSince >= 0 && now - waitingSince >= settings.roundTimeout().toNanos()
                && available.size() >= settings.quorum();
        if (!full && !late) {
            return;
        }
        Collections.shuffle(available, random); // client selection: a random cohort of participants_count
        List<String> chosen = available.subList(0, Math.min(available.size(), settings.participantsCount()));
        cohort = new LinkedHashMap<>();
        chosen.stream().sorted().forEach(c -> cohort.put(c, clients.get(c)));
        round = completed + 1;
        plain.clear();
        masked.clear();
        rejected.clear();
        gone.clear();
        seeds.clear();
        dropped = null;
        deadline = now + settings.roundTimeout().toNanos();
        waitingSince = -1;
        LOG.info("round {} starts with {} clients", round, cohort.size());
        LOG.debug("round {} cohort: {}", round, cohort.keySet());
        byte[] message = model(Protocol.EXIT_CONTINUE);
        for (String c : clients.keySet()) {
            outbox.binary(c, message);
        }
    }

    private void restart(long now) {
        round = 0;
        waitingSince = now;
        start(now);
    }

    private void maybeClose(long now) {
        if (round == 0) {
            return;
        }
        if (dropped != null) {
            if (missingSeeds().isEmpty()) {
                close(now);
            }
        } else if (pending().isEmpty()) {
            if (accepted().size() >= settings.quorum()) {
                close(now);
            } else {
                LOG.warn("round {}: every member answered or left but only {} updates were accepted, fewer than the"
                        + " quorum {}; the round starts over", round, accepted().size(), settings.quorum());
                restart(now);
            }
        }
    }

    private void close(long now) {
        List<String> participants = accepted();
        long samples;
        Map<String, Double> training;
        if (algorithm.secure()) {
            List<String> missing = cohort.keySet().stream().filter(c -> !masked.containsKey(c)).toList();
            if (!missing.isEmpty() && dropped == null) {
                dropped = missing;
                deadline = now + settings.roundTimeout().toNanos();
                LOG.info("round {}: {} dropped after masking; asking {} for their pair seeds", round, missing,
                        participants);
                ObjectNode ask = Protocol.message(Protocol.UNMASK).put("round_number", round);
                missing.forEach(ask.putArray("dropped")::add);
                participants.forEach(c -> outbox.text(c, Protocol.json(ask)));
                return;
            }
            samples = 0;
            Map<String, long[]> sum = new LinkedHashMap<>();
            Map<String, long[]> shapes = null;
            for (String c : participants) {
                MaskedTensors m = masked.get(c);
                samples += Long.parseLong(m.metadata().get("num_samples"));
                shapes = m.shapes();
                m.tensors().forEach((name, x) -> FixedPoint.add(sum.computeIfAbsent(name, k -> new long[x.length]), x));
            }
            for (var s : seeds.entrySet()) {
                for (var d : s.getValue().entrySet()) {
                    PairwiseMasks.apply(sum, d.getValue(), -PairwiseMasks.sign(s.getKey(), d.getKey()));
                }
            }
            global = FixedPoint.decodeMean(sum, samples, template(shapes));
            training = meanMetrics(participants.stream().map(c -> new ClientUpdate(c, round,
                    Long.parseLong(masked.get(c).metadata().get("num_samples")), null,
                    Protocol.numbers(masked.get(c).metadata().get("metrics")))).toList());
        } else {
            List<ClientUpdate> updates = new ArrayList<>(plain.values());
            samples = updates.stream().mapToLong(ClientUpdate::samples).sum();
            global = FedAvg.average(updates);
            training = meanMetrics(updates);
        }
        completed = round;
        round = 0;
        boolean last = completed >= settings.exitRound();
        List<String> droppedNow = dropped == null ? List.of() : dropped;
        RoundSummary summary = new RoundSummary(completed, participants, samples, new ArrayList<>(rejected),
                droppedNow.isEmpty() ? new ArrayList<>(gone) : droppedNow, training, Map.of(), last);
        history.add(summary);
        LOG.info("round {} closed: {} updates, {} samples, training {}", completed, participants.size(), samples,
                training);
        listeners.forEach(l -> l.accept(summary));
        if (last) {
            finished = true;
            byte[] message = model(Protocol.EXIT_OK);
            clients.keySet().forEach(c -> outbox.binary(c, message));
        } else {
            waitingSince = now;
            start(now);
        }
    }

    private void evaluated(String client, int r, JsonNode metrics) {
        int index = r - 1;
        if (index < 0 || index >= history.size()) {
            return; // metrics of the initial model, or of a round this server did not run
        }
        RoundSummary old = history.get(index);
        Map<String, Double> merged = new LinkedHashMap<>(old.evaluation());
        double count = merged.getOrDefault("clients", 0.0);
        for (var e : Protocol.numbers(metrics).entrySet()) {
            merged.merge(e.getKey(), e.getValue(), (a, b) -> (a * count + b) / (count + 1)); // running mean
        }
        merged.put("clients", count + 1);
        RoundSummary updated = new RoundSummary(old.round(), old.participants(), old.samples(), old.rejected(),
                old.dropped(), old.training(), merged, old.last());
        history.set(index, updated);
        listeners.forEach(l -> l.accept(updated));
    }

    // ---- checks --------------------------------------------------------------------------------------------------

    /** Why an update cannot count in this round, or null. */
    private String admissible(String client, Map<String, String> meta, int r) {
        if (!Protocol.UPDATE_WEIGHT.equals(meta.get("type"))) {
            return "its binary message has type \"" + meta.get("type") + "\", not update_weight; fix: send weights"
                    + " as update_weight";
        }
        if (!client.equals(meta.get("client_id"))) {
            return "the update names client_id \"" + meta.get("client_id") + "\" but came on client " + client
                    + "'s connection; fix: send updates under the id the client subscribed with";
        }
        if (round == 0 || r != round) {
            return "the update is for round " + meta.get("round_number") + " but "
                    + (round == 0 ? "no round is open (round " + completed + " closed)" : "round " + round + " is open")
                    + " (stale or early); fix: train on the latest recv_weight and send its next_round";
        }
        if (!cohort.containsKey(client)) {
            return "client " + client + " was not selected for round " + round + "; fix: wait for a recv_weight"
                    + " whose cohort lists it";
        }
        if (plain.containsKey(client) || masked.containsKey(client) || rejected.contains(client)) {
            return "it already sent an update in round " + round + " (duplicate); fix: send one update per round";
        }
        long samples = integer(meta.get("num_samples"));
        if (samples <= 0) {
            return "num_samples is \"" + meta.get("num_samples") + "\"; fix: send the number of training samples"
                    + " (a whole number > 0)";
        }
        return null;
    }

    private String acceptPlain(String client, byte[] bytes, Map<String, String> meta) {
        if (algorithm.secure()) {
            return "it sent unmasked weights, but this job uses secure aggregation; fix: run a Sedna4J client, which"
                    + " masks its update";
        }
        NamedTensors weights = Safetensors.read(bytes, "the update of client " + client);
        String problem = shapes(weights.tensors().keySet(), name -> weights.tensors().get(name).shape());
        if (problem != null) {
            return problem;
        }
        for (var e : weights.tensors().entrySet()) {
            float[] v = e.getValue().values();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    return "tensor " + e.getKey() + "[" + i + "] is " + v[i] + "; fix: lower the learning rate or"
                            + " clip gradients so that training does not diverge";
                }
            }
        }
        plain.put(client, new ClientUpdate(client, round, integer(meta.get("num_samples")), weights,
                Protocol.numbers(meta.get("metrics"))));
        return null;
    }

    private String acceptMasked(String client, byte[] bytes, Map<String, String> meta) {
        if (!algorithm.secure()) {
            return "it sent a masked update, but this job does not use secure aggregation; fix: set"
                    + " secure_aggregation=true on the aggregation worker, or send plain weights";
        }
        MaskedTensors m;
        try {
            m = MaskedTensors.read(bytes, "the update of client " + client);
        } catch (LibException e) {
            return e.getMessage();
        }
        String problem = shapes(m.tensors().keySet(), m.shapes()::get);
        if (problem == null && global == null && !masked.isEmpty()) {
            problem = shapesAgree(masked.values().iterator().next().shapes(), m.shapes());
        }
        if (problem != null) {
            return problem;
        }
        masked.put(client, m);
        return null;
    }

    /** Names and shapes must be the global model's (or, before there is one, the first accepted update's). */
    private String shapes(Set<String> names, java.util.function.Function<String, long[]> shape) {
        Map<String, long[]> reference = new LinkedHashMap<>();
        if (global != null) {
            global.tensors().forEach((n, t) -> reference.put(n, t.shape()));
        } else if (!plain.isEmpty()) {
            plain.values().iterator().next().weights().tensors().forEach((n, t) -> reference.put(n, t.shape()));
        } else {
            return null;
        }
        Map<String, long[]> given = new LinkedHashMap<>();
        names.forEach(n -> given.put(n, shape.apply(n)));
        return shapesAgree(reference, given);
    }

    private static String shapesAgree(Map<String, long[]> reference, Map<String, long[]> given) {
        for (String name : reference.keySet()) {
            if (!given.containsKey(name)) {
                return "tensor " + name + " is missing (the model has " + reference.keySet() + "); fix: train the"
                        + " model the job aggregates, with the same architecture";
            }
            if (!Arrays.equals(reference.get(name), given.get(name))) {
                return "tensor " + name + " has shape " + Arrays.toString(given.get(name)) + ", the model's is "
                        + Arrays.toString(reference.get(name)) + "; fix: train the model the job aggregates, with the"
                        + " same architecture";
            }
        }
        for (String name : given.keySet()) {
            if (!reference.containsKey(name)) {
                return "tensor " + name + " is not in the model (it has " + reference.keySet() + "); fix: train the"
                        + " model the job aggregates, with the same architecture";
            }
        }
        return null;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private List<String> accepted() {
        return new ArrayList<>(algorithm.secure() ? masked.keySet() : plain.keySet());
    }

    private List<String> pending() {
        return cohort.keySet().stream().filter(c -> !plain.containsKey(c) && !masked.containsKey(c)
                && !rejected.contains(c) && !gone.contains(c)).toList();
    }

    private List<String> missingSeeds() {
        return accepted().stream().filter(c -> !seeds.containsKey(c)).toList();
    }

    private void reject(String client, int r, String reason) {
        String message = "client " + client + ", round " + r + ": update rejected: " + reason;
        LOG.warn(message);
        ObjectNode m = Protocol.message(Protocol.REJECTED).put("client_id", client).put("round_number", r)
                .put("reason", message);
        outbox.text(client, Protocol.json(m));
    }

    /** The global model with the round header: what was completed, what comes next, who takes part. */
    private byte[] model(String exitFlag) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("type", Protocol.RECV_WEIGHT);
        meta.put("round_number", String.valueOf(completed));
        meta.put("next_round", Protocol.EXIT_OK.equals(exitFlag) ? "0" : String.valueOf(round));
        meta.put("exit_flag", exitFlag);
        meta.put("exit_round", String.valueOf(settings.exitRound()));
        meta.put("total_sample", String.valueOf(history.isEmpty() ? 0 : history.get(history.size() - 1).samples()));
        meta.put("cohort", Protocol.json(Protocol.EXIT_OK.equals(exitFlag) ? Map.of() : cohort));
        meta.put("parameters", Protocol.json(algorithm.clientParameters()));
        return Safetensors.write(global == null ? new NamedTensors(Map.of()) : global, meta);
    }

    private NamedTensors template(Map<String, long[]> shapes) {
        if (global != null) {
            return global;
        }
        Map<String, Tensor> t = new LinkedHashMap<>();
        shapes.forEach((n, s) -> t.put(n, new Tensor(s, new float[0])));
        return new NamedTensors(t);
    }

    private static Map<String, Double> meanMetrics(List<ClientUpdate> updates) {
        Map<String, Double> sums = new LinkedHashMap<>();
        double total = updates.stream().mapToDouble(ClientUpdate::samples).sum();
        for (ClientUpdate u : updates) {
            u.metrics().forEach((k, v) -> sums.merge(k, v * u.samples() / total, Double::sum));
        }
        return sums;
    }

    private static int integer(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
