package io.sedna4j.lc.worker;

import io.sedna4j.api.k8s.Container;
import io.sedna4j.api.k8s.EnvVar;
import io.sedna4j.api.k8s.Quantity;
import io.sedna4j.api.link.WorkerSpec;
import java.io.IOException;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one worker spec runs here: the command line, environment and directory of its first container. A container
 * whose image is {@code sedna4j/<name>} runs that built-in worker in a child JVM (this JVM's java and class path);
 * any other runs its {@code command} + {@code args} directly, never through a shell.
 */
final class LaunchPlan {
    /** What the plan needs to know about this node. */
    record Context(String node, String address, int workerApiPort, BuiltinWorkers builtins, Path defaultDir) {
    }

    final List<String> command;
    final Map<String, String> env;
    final Path workingDir;

    private LaunchPlan(List<String> command, Map<String, String> env, Path workingDir) {
        this.command = List.copyOf(command);
        this.env = env;
        this.workingDir = workingDir;
    }

    static LaunchPlan of(WorkerSpec spec, Context ctx) {
        Container c = firstContainer(spec);
        List<String> command = new ArrayList<>();
        Optional<String> builtin = BuiltinWorkers.nameOf(c.image);
        if (builtin.isPresent()) {
            String name = builtin.get();
            String main = ctx.builtins().mainClass(name).orElseThrow(() -> new WorkerException(
                    "unknown built-in worker \"" + name + "\"; known: "
                            + (ctx.builtins().names().isEmpty() ? "none" : String.join(", ", ctx.builtins().names()))));
            command.add(javaCommand());
            command.addAll(jvmLimits(c));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(main);
        } else {
            if (c.command == null || c.command.isEmpty()) {
                throw new WorkerException("container \"" + c.name + "\" of worker " + spec.name()
                        + " has no command, and standalone a container runs its command on this host"
                        + (c.image == null ? "" : " (image " + c.image + " is not pulled)")
                        + "; fix: set command, or use image: sedna4j/<built-in worker>");
            }
            command.addAll(c.command);
        }
        if (c.args != null) {
            command.addAll(c.args);
        }
        return new LaunchPlan(command, environment(spec, c, ctx), workingDir(spec, c, ctx));
    }

    ProcessBuilder processBuilder(Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            throw new WorkerException("cannot create the log directory " + logFile.getParent() + ": " + e
                    + "; fix: make the node directory writable");
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb;
    }

    /** Why {@link ProcessBuilder#start} failed, for the worker's Failed message. */
    String explain(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String cmd = command.get(0);
        if (m.contains("error=2,")) {
            return "command not found: " + cmd + "; fix: install it or give its absolute path in the container's command";
        }
        if (m.contains("error=13,")) {
            return "permission denied: " + cmd + "; fix: make it executable (chmod +x)";
        }
        return "cannot run " + cmd + ": " + m;
    }

    private static Container firstContainer(WorkerSpec spec) {
        if (spec.template() == null || spec.template().spec == null || spec.template().spec.containers == null
                || spec.template().spec.containers.isEmpty()) {
            throw new WorkerException("worker " + spec.name() + " has no container in template.spec.containers;"
                    + " fix: give the worker's template a container with an image or a command");
        }
        return spec.template().spec.containers.get(0);
    }

    /**
     * The container's limits as the child JVM's own, as a JVM in a container would see them: {@code memory} as its
     * RAM (the heap may take 75 %, leaving room for native libraries such as PyTorch's), {@code cpu} as its
     * processor count (thread pools, GC threads). Without limits the JVM sees the whole host.
     */
    static List<String> jvmLimits(Container c) {
        List<String> options = new ArrayList<>();
        if (c.resources == null || c.resources.limits == null) {
            return options;
        }
        Quantity memory = c.resources.limits.get("memory");
        if (memory != null) {
            options.add("-XX:MaxRAM=" + memory.value().setScale(0, RoundingMode.DOWN).toPlainString());
            options.add("-XX:MaxRAMPercentage=75");
        }
        Quantity cpu = c.resources.limits.get("cpu");
        if (cpu != null) {
            options.add("-XX:ActiveProcessorCount="
                    + Math.max(1, cpu.value().setScale(0, RoundingMode.CEILING).intValue()));
        }
        return options;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** This LC's environment, then the container's, then the worker contract the LC alone knows. */
    private static Map<String, String> environment(WorkerSpec spec, Container c, Context ctx) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.remove("WORKER_NAME"); // per worker; never inherit the LC's own
        if (c.env != null) {
            for (EnvVar v : c.env) {
                String value = value(spec, v, ctx);
                if (value != null) {
                    env.put(v.name, value);
                }
            }
        }
        env.put("LC_SERVER", "http://127.0.0.1:" + ctx.workerApiPort());
        env.put("NODE_NAME", ctx.node());
        env.putIfAbsent("WORKER_NAME", spec.name());
        return env;
    }

    private static String value(WorkerSpec spec, EnvVar v, Context ctx) {
        if (v.value != null || v.valueFrom == null) {
            return v.value == null ? "" : v.value;
        }
        if (v.valueFrom.fieldRef != null) {
            String path = v.valueFrom.fieldRef.fieldPath;
            return switch (path == null ? "" : path) {
                case "spec.nodeName" -> ctx.node();
                case "metadata.name" -> spec.name();
                case "metadata.namespace" -> spec.owner() == null ? "default" : spec.owner().namespace();
                case "status.hostIP", "status.podIP" -> ctx.address();
                default -> throw new WorkerException("env " + v.name + " of worker " + spec.name()
                        + " refers to field \"" + path + "\", which a standalone worker does not have;"
                        + " fix: use spec.nodeName, metadata.name, metadata.namespace or status.hostIP");
            };
        }
        EnvVar.KeyRef ref = v.valueFrom.secretKeyRef != null ? v.valueFrom.secretKeyRef : v.valueFrom.configMapKeyRef;
        if (ref != null && Boolean.TRUE.equals(ref.optional)) {
            return null;
        }
        throw new WorkerException("env " + v.name + " of worker " + spec.name() + " takes its value from a "
                + (v.valueFrom.secretKeyRef != null ? "Secret" : "ConfigMap")
                + ", which standalone Sedna4J does not have; fix: give it a value");
    }

    private static Path workingDir(WorkerSpec spec, Container c, Context ctx) {
        if (c.workingDir == null || c.workingDir.isEmpty()) {
            return ctx.defaultDir();
        }
        Path dir = ctx.defaultDir().resolve(c.workingDir);
        if (!Files.isDirectory(dir)) {
            throw new WorkerException("working directory " + dir + " of worker " + spec.name()
                    + " does not exist; fix: create it or change workingDir");
        }
        return dir;
    }
}
