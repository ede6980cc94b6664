package io.sedna4j.control.controllers;

import io.sedna4j.api.v1alpha1.JobStatus;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.engine.Observed;
import java.util.ArrayList;
import java.util.List;

/**
 * The status of a job that runs to completion (federated learning, video analytics, ReID): phase Pending, Running,
 * Succeeded or Failed, and a condition per change. Failed is not terminal: a worker that runs again (e.g. after a
 * spec change) brings the job back to Running. Finished workers stay planned, so their phases and logs remain.
 */
final class JobStatuses {
    static final String WORKER_FAILED = ServiceStatuses.WORKER_FAILED;
    static final String WORKERS_STARTING = ServiceStatuses.WORKERS_STARTING;
    static final String WORKERS_RUNNING = ServiceStatuses.WORKERS_RUNNING;
    static final String WORKERS_SUCCEEDED = "WorkersSucceeded";

    /**
     * The kind's condition types: federated learning says Pending/Training/Complete/Failed, the multi-edge jobs
     * Waiting/Starting/Running/Completed/Failed.
     */
    record Types(String blocked, String starting, String running, String completed, String failed) {
        static final Types FEDERATED = new Types("Pending", "Pending", "Training", "Complete", "Failed");
        static final Types MULTI_EDGE = new Types("Waiting", "Starting", "Running", "Completed", "Failed");
    }

    private JobStatuses() {
    }

    static JobStatus update(Resource<?, JobStatus> job, Planner planner, Observed observed, Types types) {
        if (job.status == null) {
            job.status = new JobStatus();
        }
        return update(job, job.status, planner, observed, types);
    }

    /** The same for a kind whose status extends JobStatus (federated learning adds its round). */
    static JobStatus update(Resource<?, ?> job, JobStatus status, Planner planner, Observed observed, Types types) {
        if (status.startTime == null) {
            status.startTime = Conditions.time(observed.now());
        }
        WorkerPhases phases = WorkerPhases.of(job, planner.workers(), observed);
        status.active = phases.active();
        status.succeeded = phases.succeeded();
        status.failed = phases.failed();
        List<String> notes = planner.notes();
        var conditions = status.conditions();
        if (planner.blocked()) {
            status.phase = "Pending";
            Conditions.update(conditions, types.blocked(), planner.blocker().reason(), planner.blocker().message(),
                    observed.now());
        } else if (phases.firstFailed() != null) {
            status.phase = "Failed";
            status.completionTime = null;
            Conditions.update(conditions, types.failed(), WORKER_FAILED,
                    Conditions.withNotes(phases.failedMessage(), notes), observed.now());
        } else if (phases.allSucceeded()) {
            status.phase = "Succeeded";
            if (status.completionTime == null) {
                status.completionTime = Conditions.time(observed.now());
            }
            Conditions.update(conditions, types.completed(), WORKERS_SUCCEEDED,
                    "all " + phases.planned() + " workers succeeded", observed.now());
        } else if (phases.allStarted()) {
            status.phase = "Running";
            status.completionTime = null;
            List<String> remarks = new ArrayList<>(phases.restarting());
            remarks.addAll(notes);
            var last = Conditions.last(conditions);
            if (last == null || !types.running().equals(last.type) || WORKERS_RUNNING.equals(last.reason)) {
                Conditions.update(conditions, types.running(), WORKERS_RUNNING, Conditions.withNotes(
                        "all " + phases.planned() + " workers are running", remarks), observed.now());
            } // else a progress report (a federated learning round) refined the running condition: keep it
        } else {
            status.phase = "Pending";
            Conditions.update(conditions, types.starting(), WORKERS_STARTING,
                    Conditions.withNotes(phases.waitingMessage(), notes), observed.now());
        }
        return status;
    }
}
