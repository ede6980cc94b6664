package io.sedna4j.lc.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.api.k8s.Container;
import io.sedna4j.api.k8s.EnvVar;
import io.sedna4j.api.k8s.PodSpec;
import io.sedna4j.api.k8s.PodTemplateSpec;
import io.sedna4j.api.k8s.Quantity;
import io.sedna4j.api.k8s.ResourceRequirements;
import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.WorkerSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchPlanTest {
    @TempDir
    Path dir;

    private LaunchPlan.Context context() {
        return new LaunchPlan.Context("edge-1", "10.0.0.5", 9101, BuiltinWorkers.load(getClass().getClassLoader()),
                dir);
    }

    private static WorkerSpec spec(Container c) {
        PodTemplateSpec t = new PodTemplateSpec();
        t.spec = new PodSpec();
        t.spec.containers = List.of(c);
        return new WorkerSpec("w-0", new Owner("ReidJob", "ml", "reid", "u", 1), "edge", "edge-1", t, "Never", 0);
    }

    private static Container container(String image, String... command) {
        Container c = new Container();
        c.name = "main";
        c.image = image;
        c.command = command.length == 0 ? null : List.of(command);
        return c;
    }

    @Test
    void aBuiltinImageWithATagRunsItsMainClassInThisJava() {
        Container c = container("sedna4j/test-echo:0.1");
        c.args = List.of("svc", "10");
        LaunchPlan plan = LaunchPlan.of(spec(c), context());
        assertThat(plan.command.get(0)).endsWith("java");
        assertThat(plan.command.subList(1, plan.command.size())).containsExactly("-cp",
                System.getProperty("java.class.path"), "io.sedna4j.lc.TestWorker", "svc", "10");
        assertThat(plan.env).containsEntry("LC_SERVER", "http://127.0.0.1:9101").containsEntry("NODE_NAME", "edge-1")
                .containsEntry("WORKER_NAME", "w-0");
        assertThat(plan.workingDir).isEqualTo(dir);
    }

    @Test
    void aBuiltinWorkersJvmSeesItsContainersMemoryAndCpuLimits() throws Exception {
        Container c = container("sedna4j/test-echo");
        c.resources = new ResourceRequirements();
        c.resources.limits = Map.of("memory", Quantity.of("512Mi"), "cpu", Quantity.of("1500m"));
        LaunchPlan plan = LaunchPlan.of(spec(c), context());
        assertThat(plan.command.subList(1, 4)).containsExactly("-XX:MaxRAM=536870912", "-XX:MaxRAMPercentage=75",
                "-XX:ActiveProcessorCount=2");
        // the options are the JVM's own: a child started with them sees a 384 MB heap and 2 processors
        List<String> probe = new ArrayList<>(plan.command.subList(0, 4));
        probe.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
        String flags = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(flags).isZero();
        assertThat(flags).containsPattern("size_t MaxHeapSize += 402653184 ");

        assertThat(LaunchPlan.of(spec(container("sedna4j/test-echo")), context()).command.get(1))
                .as("no limits: the JVM sees the host").isEqualTo("-cp");
    }

    @Test
    void theControllersWorkerNameWinsAndHostIpIsTheNodesAddress() {
        Container c = container("x", "/bin/true");
        EnvVar host = new EnvVar("HOST", null);
        host.valueFrom = new EnvVar.EnvVarSource();
        host.valueFrom.fieldRef = new EnvVar.FieldRef();
        host.valueFrom.fieldRef.fieldPath = "status.hostIP";
        c.env = List.of(new EnvVar("WORKER_NAME", "given"), host, new EnvVar("LC_SERVER", "http://localhost:9100"));
        LaunchPlan plan = LaunchPlan.of(spec(c), context());
        assertThat(plan.env).containsEntry("WORKER_NAME", "given").containsEntry("HOST", "10.0.0.5")
                .as("only the LC knows its own port").containsEntry("LC_SERVER", "http://127.0.0.1:9101");
    }

    @Test
    void whatAStandaloneWorkerCannotHaveIsRefusedWithTheFix() {
        Container fieldRef = container("x", "/bin/true");
        EnvVar v = new EnvVar("UID", null);
        v.valueFrom = new EnvVar.EnvVarSource();
        v.valueFrom.fieldRef = new EnvVar.FieldRef();
        v.valueFrom.fieldRef.fieldPath = "metadata.uid";
        fieldRef.env = List.of(v);
        assertThatThrownBy(() -> LaunchPlan.of(spec(fieldRef), context()))
                .hasMessage("env UID of worker w-0 refers to field \"metadata.uid\", which a standalone worker does not"
                        + " have; fix: use spec.nodeName, metadata.name, metadata.namespace or status.hostIP");

        Container secret = container("x", "/bin/true");
        EnvVar s = new EnvVar("KEY", null);
        s.valueFrom = new EnvVar.EnvVarSource();
        s.valueFrom.secretKeyRef = new EnvVar.KeyRef();
        s.valueFrom.secretKeyRef.key = "k";
        secret.env = List.of(s);
        assertThatThrownBy(() -> LaunchPlan.of(spec(secret), context()))
                .hasMessageContaining("takes its value from a Secret").hasMessageContaining("fix: give it a value");

        Container noCommand = container("kubeedge/sedna-example:v0.6");
        assertThatThrownBy(() -> LaunchPlan.of(spec(noCommand), context()))
                .hasMessageContaining("container \"main\" of worker w-0 has no command")
                .hasMessageContaining("image kubeedge/sedna-example:v0.6 is not pulled")
                .hasMessageContaining("fix: set command, or use image: sedna4j/<built-in worker>");

        Container badDir = container("x", "/bin/true");
        badDir.workingDir = "no/such/dir";
        assertThatThrownBy(() -> LaunchPlan.of(spec(badDir), context()))
                .hasMessageContaining("working directory " + dir.resolve("no/such/dir") + " of worker w-0 does not exist");
    }
}
