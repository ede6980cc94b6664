package io.sedna4j.cli;

import java.io.PrintWriter;

/** Progress of long work: a bar redrawn in place on a terminal, a line every tenth otherwise (logs, CI). */
final class Progress {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final String what;
    private final boolean terminal;
    private int lastTenth = -1;
    private long lastDone = -1;

    Progress(PrintWriter out, String what) {
        this(out, what, System.console() != null);
    }

    Progress(PrintWriter out, String what, boolean terminal) {
        this.out = out;
        this.what = what;
        this.terminal = terminal;
    }

    /** {@code total} may be unknown (negative): then only the count is shown. */
    void update(long done, long total, String unit) {
        if (done == lastDone) {
            return;
        }
        lastDone = done;
        if (terminal) {
            String bar = total > 0 ? "[" + "=".repeat((int) (WIDTH * Math.min(done, total) / total))
                    + " ".repeat(WIDTH - (int) (WIDTH * Math.min(done, total) / total)) + "] " : "";
            out.print("\r  " + what + " " + bar + done + (total > 0 ? "/" + total : "") + " " + unit);
            out.flush();
        } else {
            int tenth = total > 0 ? (int) (10 * Math.min(done, total) / total) : (int) (done / 50);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.println("  " + what + ": " + done + (total > 0 ? "/" + total : "") + " " + unit);
            }
        }
    }

    void done() {
        if (terminal && lastDone >= 0) {
            out.println();
        }
    }
}
