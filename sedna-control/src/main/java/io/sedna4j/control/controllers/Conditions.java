package io.sedna4j.control.controllers;

import io.sedna4j.api.v1alpha1.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Condition lists as Sedna keeps them: appended to, the last one current. A new condition is appended only when type,
 * status or reason change; otherwise the current one gets the new message, and its heartbeat moves only then, so
 * that a reconcile which learns nothing new writes nothing.
 */
public final class Conditions {
    public static final String TRUE = "True";
    /** Services and jobs keep this many; learning jobs keep all (their LC reads back through them). */
    static final int MAX_KEPT = 50;

    private Conditions() {
    }

    /** Kubernetes' time format: RFC 3339 in UTC, to the second. */
    public static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static Condition last(List<Condition> conditions) {
        return conditions == null || conditions.isEmpty() ? null : conditions.get(conditions.size() - 1);
    }

    /**
     * Makes {@code type} (status True) with {@code reason} the current condition.
     *
     * @param reason  null to accept the current condition's reason if the type matches
     * @param message null to keep the current condition's message if the type matches
     * @return whether anything changed
     */
    public static boolean update(List<Condition> conditions, String type, String reason, String message, Instant now) {
        Condition last = last(conditions);
        if (last != null && type.equals(last.type) && TRUE.equals(last.status)
                && (reason == null || reason.equals(last.reason))) {
            if (message == null || message.equals(last.message)) {
                return false;
            }
            last.message = message;
            last.lastHeartbeatTime = time(now);
            return true;
        }
        append(conditions, condition(type, reason, message, now));
        return true;
    }

    /** Appends {@code c}, dropping the oldest beyond {@link #MAX_KEPT}. */
    static void append(List<Condition> conditions, Condition c) {
        conditions.add(c);
        while (conditions.size() > MAX_KEPT) {
            conditions.remove(0);
        }
    }

    /** A condition of {@code type}, status True, both times now. */
    public static Condition condition(String type, String reason, String message, Instant now) {
        Condition c = new Condition();
        c.type = type;
        c.status = TRUE;
        c.reason = reason;
        c.message = message;
        c.lastTransitionTime = time(now);
        c.lastHeartbeatTime = c.lastTransitionTime;
        return c;
    }

    /** {@code message}, then the remarks (e.g. nodes that are not ready), separated by "; ". */
    static String withNotes(String message, List<String> notes) {
        if (notes.isEmpty()) {
            return message;
        }
        String joined = String.join("; ", notes);
        return message == null ? joined : message + "; " + joined;
    }
}
