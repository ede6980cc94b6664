package io.sedna4j.gm.rest;

import io.javalin.http.Context;
import io.sedna4j.gm.worker.StandaloneWorkerPlatform.Worker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A worker's log ({@code kubectl logs}, {@code sedna logs}). Standalone on one machine, LCs write it under the shared
 * data dir ({@code nodes/<node>/workers/<worker>/log}) and the GM reads the file; logs of nodes on other machines
 * are not available yet. {@code tailLines} and {@code follow} work as in Kubernetes.
 */
final class WorkerLogs {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final long FOLLOW_POLL_MILLIS = 250;

    private final Path dataDir;
    private final BooleanSupplier stopping;

    WorkerLogs(Path dataDir, BooleanSupplier stopping) {
        this.dataDir = dataDir;
        this.stopping = stopping;
    }

    /** @param worker the worker as the GM knows it, or null (e.g. stopped since) */
    void serve(Context ctx, String namespace, String name, Worker worker) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw ApiError.badRequest("\"" + name + "\" is not a worker name; fix: give a name from kubectl get pods");
        }
        String node = worker != null ? worker.spec().node() : null;
        Path file = node != null ? file(node, name) : findFile(name);
        if (file == null || !Files.isRegularFile(file)) {
            if (worker == null && file == null) {
                throw ApiError.notFound("pods \"" + name + "\" not found in namespace " + namespace
                        + "; fix: list workers with kubectl get pods -n " + namespace);
            }
            throw ApiError.notFound("the log of worker " + name + " on node " + node + " is not available: logs of "
                    + "remote nodes are not available yet (the GM reads " + file(node, name) + " only when the node "
                    + "runs on this machine); fix: read that file on node " + node).about(null, name);
        }
        ctx.res().setStatus(200);
        ctx.res().setContentType("text/plain; charset=utf-8");
        OutputStream out = ctx.res().getOutputStream();
        long position = tail(file, ctx.queryParam("tailLines"));
        boolean follow = "true".equals(ctx.queryParam("follow"));
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                in.seek(position);
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    position += n;
                }
                out.flush();
                if (!follow || stopping.getAsBoolean()) {
                    return;
                }
                Thread.sleep(FOLLOW_POLL_MILLIS);
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path file(String node, String worker) {
        Path nodes = dataDir.resolve("nodes").normalize();
        Path file = nodes.resolve(node).resolve("workers").resolve(worker).resolve("log").normalize();
        if (!file.startsWith(nodes)) { // a node name is a DNS name; anything else must not leave the data dir
            throw ApiError.badRequest("node \"" + node + "\" of worker " + worker + " is not a valid node name");
        }
        return file;
    }

    /** A worker the GM no longer knows may still have its log on one of the local nodes. */
    private Path findFile(String worker) throws IOException {
        Path nodes = dataDir.resolve("nodes");
        if (!Files.isDirectory(nodes)) {
            return null;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(nodes)) {
            for (Path node : dirs) {
                Path log = node.resolve("workers").resolve(worker).resolve("log");
                if (Files.isRegularFile(log)) {
                    return log;
                }
            }
        }
        return null;
    }

    /** Where the last {@code tailLines} lines start (0 for the whole file). */
    private static long tail(Path file, String tailLines) throws IOException {
        if (tailLines == null || tailLines.isEmpty()) {
            return 0;
        }
        int lines;
        try {
            lines = Integer.parseInt(tailLines);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("tailLines \"" + tailLines + "\" is not a number");
        }
        if (lines <= 0) {
            return Files.size(file);
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long pos = in.length();
            if (pos > 0) {
                in.seek(pos - 1);
                if (in.read() == '\n') {
                    pos--; // a trailing newline ends the last line, it does not start another
                }
            }
            int seen = 0;
            for (; pos > 0; pos--) {
                in.seek(pos - 1);
                if (in.read() == '\n' && ++seen == lines) {
                    return pos;
                }
            }
            return 0;
        }
    }
}
