package io.sedna4j.control.controllers;

import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.api.v1alpha1.ServiceStatus;
import io.sedna4j.control.engine.Observed;
import java.util.ArrayList;
import java.util.List;

/**
 * The status of a long-running service (joint inference, feature extraction, object search and tracking), from its
 * plan and its workers: Sedna's condition types Pending, Running and Failed. Failed is not terminal: when the
 * workers run again, Running follows.
 */
final class ServiceStatuses {
    static final String PENDING = "Pending";
    static final String RUNNING = "Running";
    static final String FAILED = "Failed";
    static final String WORKER_FAILED = "WorkerFailed";
    static final String WORKERS_STARTING = "WorkersStarting";
    static final String WORKERS_RUNNING = "WorkersRunning";

    private ServiceStatuses() {
    }

    /** Updates the service's status in place; {@code status} is created if null and returned. */
    static ServiceStatus update(Resource<?, ServiceStatus> service, Planner planner, Observed observed) {
        ServiceStatus status = service.status == null ? new ServiceStatus() : service.status;
        service.status = status;
        if (status.startTime == null) {
            status.startTime = Conditions.time(observed.now());
        }
        WorkerPhases phases = WorkerPhases.of(service, planner.workers(), observed);
        status.active = phases.active();
        status.failed = phases.failed();
        List<String> notes = planner.notes();
        if (planner.blocked()) {
            Conditions.update(status.conditions(), PENDING, planner.blocker().reason(), planner.blocker().message(),
                    observed.now());
        } else if (phases.firstFailed() != null) {
            Conditions.update(status.conditions(), FAILED, WORKER_FAILED,
                    Conditions.withNotes(phases.failedMessage(), notes), observed.now());
        } else if (phases.allStarted()) {
            List<String> remarks = new ArrayList<>(phases.restarting());
            remarks.addAll(notes);
            Conditions.update(status.conditions(), RUNNING, WORKERS_RUNNING, Conditions.withNotes(
                    "all " + phases.planned() + " workers are running", remarks), observed.now());
        } else {
            Conditions.update(status.conditions(), PENDING, WORKERS_STARTING,
                    Conditions.withNotes(phases.waitingMessage(), notes), observed.now());
        }
        return status;
    }
}
