package io.sedna4j.api.link;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a node reports about one of its workers.
 *
 * @param restarts how often it was restarted since its spec was last applied
 * @param exitCode the last exit code, or null while it never exited
 * @param message  why it is in this phase, for a person: "exited with code 2", "command not found: foo", …
 * @param time     when the phase was entered, ISO-8601
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerStatus(String name, Owner owner, String node, WorkerPhase phase, int restarts,
                           Integer exitCode, String message, String time) {
}
