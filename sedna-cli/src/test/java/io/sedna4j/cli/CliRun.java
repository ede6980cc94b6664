package io.sedna4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the sedna command, with what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    String all() {
        return out + err;
    }
}
