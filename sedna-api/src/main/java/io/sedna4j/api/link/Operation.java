package io.sedna4j.api.link;

/** The operations a frame's header names. Sedna's are the first three; the rest are Sedna4J's. */
public final class Operation {
    /** GM → LC: a resource the node needs (created or changed); content is the resource's JSON. */
    public static final String INSERT = "insert";
    /** GM → LC: a resource the node no longer needs. */
    public static final String DELETE = "delete";
    /** LC → GM: a report about a resource, Sedna's upstream message ({@link UpstreamMessage}). */
    public static final String STATUS = "status";
    /** LC → GM: the node is alive; content is a {@link NodeReport}. */
    public static final String HEARTBEAT = "heartbeat";
    /** GM → LC, standalone only: run or update a worker ({@link WorkerSpec}). */
    public static final String WORKER_RUN = "worker/run";
    /** GM → LC, standalone only: stop a worker ({@link WorkerSpec}, only name and owner are read). */
    public static final String WORKER_STOP = "worker/stop";
    /** LC → GM: a worker's phase changed ({@link WorkerStatus}). */
    public static final String WORKER_PHASE = "worker/phase";

    private Operation() {
    }
}
