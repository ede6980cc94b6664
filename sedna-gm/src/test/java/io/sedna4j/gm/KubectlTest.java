package io.sedna4j.gm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sedna4j.api.v1alpha1.Kind;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl against a standalone GM: discovery, get, apply and delete of sedna.io resources. */
class KubectlTest {
    private static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).resolveSibling("examples")
            .resolve("joint-inference/joint-inference.yaml");

    @TempDir
    static Path dir;
    static GlobalManager gm;
    static String kubectl;
    static Boolean oldKubectl;

    /** The command's exit code and output. */
    record Result(int exit, String output) {
    }

    @BeforeAll
    static void start() {
        kubectl = onPath("kubectl");
        assumeTrue(kubectl != null, "kubectl is not on the PATH; skipping the kubectl tests");
        gm = GlobalManager.start(GmConfig.defaults(dir.resolve("data")).withPort(0));
    }

    @AfterAll
    static void stop() {
        if (gm != null) {
            gm.close();
        }
    }

    @Test
    void kubectlGetsAppliesAndDeletesSednaResources() throws Exception {
        Result empty = kubectl("get", "jointinferenceservices");
        assertThat(empty.exit()).as(empty.output()).isZero();
        assertThat(empty.output()).contains("No resources found in default namespace.");

        Result applied = kubectl("apply", "-f", EXAMPLE.toString());
        assertThat(applied.exit()).as(applied.output()).isZero();
        assertThat(applied.output()).contains("model.sedna.io/pedestrian-edge-model created",
                "jointinferenceservice.sedna.io/pedestrian-detection created");
        assertThat(gm.store().get(Kind.JOINT_INFERENCE_SERVICE, "default", "pedestrian-detection")).isPresent();

        Result listed = kubectl("get", "ji");
        assertThat(listed.exit()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("NAME", "AGE", "pedestrian-detection");

        Result again = kubectl("apply", "-f", EXAMPLE.toString());
        assertThat(again.output()).contains("jointinferenceservice.sedna.io/pedestrian-detection unchanged");

        Path changed = dir.resolve("changed.yaml");
        Files.writeString(changed, Files.readString(EXAMPLE).replace("value: \"0.9\"", "value: \"0.8\""));
        Result configured = kubectl("apply", "-f", changed.toString());
        assertThat(configured.output()).as(configured.output())
                .contains("jointinferenceservice.sedna.io/pedestrian-detection configured");
        assertThat(gm.store().get(Kind.JOINT_INFERENCE_SERVICE, "default", "pedestrian-detection").orElseThrow()
                .metadata.generation).isEqualTo(2L);

        Result deleted = kubectl("delete", "-f", changed.toString());
        assertThat(deleted.exit()).as(deleted.output()).isZero();
        assertThat(deleted.output()).contains("jointinferenceservice.sedna.io \"pedestrian-detection\" deleted");
        assertThat(gm.store().list(Kind.JOINT_INFERENCE_SERVICE, null)).isEmpty();
        assertThat(gm.store().list(Kind.MODEL, null)).isEmpty();
    }

    @Test
    void kubectlPrintsTheServersErrors() throws Exception {
        Result missing = kubectl("get", "ji", "nothing-here");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.output()).contains("Error from server (NotFound)", "\"nothing-here\" not found");

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: sedna.io/v1alpha1\nkind: Model\nmetadata:\n  name: broken\n"
                + "spec:\n  format: onnx\n");
        Result invalid = kubectl("apply", "-f", broken.toString());
        assertThat(invalid.exit()).isNotZero();
        assertThat(invalid.output()).contains("is invalid", "spec.url", "fix:");

        Result nodes = kubectl("get", "nodes");
        assertThat(nodes.exit()).as(nodes.output()).isZero();
    }

    private static Result kubectl(String... args) throws IOException, InterruptedException {
        Path config = dir.resolve("kubeconfig");
        if (!Files.exists(config)) {
            Files.writeString(config, "");
        }
        List<String> command = new ArrayList<>(List.of(kubectl, "--server=" + gm.url(),
                "--cache-dir=" + dir.resolve("kube-cache"), "--request-timeout=20s"));
        command.addAll(List.of(args));
        if (args[0].equals("apply") && oldKubectl()) {
            command.add("--validate=false"); // it validates with the OpenAPI v2 schema in protobuf, which the GM lacks
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("KUBECONFIG", config.toString());
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 30 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** kubectl before 1.24 (Debian's is 1.20) needs --validate=false to apply; see docs/protocol.md. */
    private static boolean oldKubectl() throws IOException, InterruptedException {
        if (oldKubectl == null) {
            Process p = new ProcessBuilder(kubectl, "version", "--client", "-o", "json").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"minor\"\\s*:\\s*\"(\\d+)").matcher(out);
            oldKubectl = m.find() && Integer.parseInt(m.group(1)) < 24;
        }
        return oldKubectl;
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path candidate = Path.of(d, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
