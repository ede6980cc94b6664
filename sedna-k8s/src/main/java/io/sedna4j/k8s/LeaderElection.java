package io.sedna4j.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a {@code coordination.k8s.io} Lease (fabric8's {@link
 * io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector}): of the GM replicas, only the one holding the
 * lease reconciles, so two never write the same status or create the same Pods.
 *
 * @param namespace where the Lease lives (the GM's own namespace)
 * @param lease     the Lease's name
 * @param identity  this candidate, e.g. the Pod name
 */
public record LeaderElection(KubernetesClient client, String namespace, String lease, String identity,
                             Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
    public static final String DEFAULT_LEASE = "sedna4j-gm";

    /** Kubernetes' usual timing: a 15 s lease, renewed within 10 s, tried every 2 s. */
    public static LeaderElection of(KubernetesClient client, String namespace, String identity) {
        return new LeaderElection(client, namespace, DEFAULT_LEASE, identity, Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    /**
     * Campaigns in the background until closed: {@code onStartLeading} runs when this candidate gets the lease,
     * {@code onStopLeading} when it loses it (then it does not campaign again: a GM that lost the lease should exit
     * and come back as a new candidate, as Kubernetes controllers do). Closing releases the lease if held.
     */
    public AutoCloseable run(Runnable onStartLeading, Runnable onStopLeading) {
        AtomicBoolean leading = new AtomicBoolean();
        var config = new LeaderElectionConfigBuilder().withName(lease)
                .withLock(new LeaseLock(namespace, lease, identity))
                .withLeaseDuration(leaseDuration).withRenewDeadline(renewDeadline).withRetryPeriod(retryPeriod)
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(() -> {
                    leading.set(true);
                    log.info("{} leads (Lease {}/{}); reconciling", identity, namespace, lease);
                    onStartLeading.run();
                }, () -> {
                    if (leading.getAndSet(false)) {
                        log.warn("{} lost the Lease {}/{}; no longer reconciling", identity, namespace, lease);
                        onStopLeading.run();
                    }
                }, leader -> log.info("the leader is {}", leader)))
                .build();
        CompletableFuture<?> election = client.leaderElector().withConfig(config).build().start();
        return () -> election.cancel(true);
    }
}
