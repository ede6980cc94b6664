package io.sedna4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            Path.of("..").toAbsolutePath().normalize().toString()), "examples");

    @Test
    void everyRepositoryExampleIsValid() {
        CliRun run = CliRun.of("validate", "-R", "-f", EXAMPLES.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("OK ", "(JointInferenceService/pedestrian-detection)",
                "(ReidJob/find-person)", "0 errors");
    }

    @Test
    void brokenManifestExitsOneAndListsEveryErrorWithLineAndPath() {
        CliRun run = CliRun.of("validate", "-f", resource("broken.yaml"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(
                "broken.yaml:4:3: error: [document 1] metadata.name: \"Helmet_Detection\" is not a valid name",
                "broken.yaml:6:3: error: [document 1] spec.edgeWorker.hardExampleMining: required field is missing",
                "correct the spelling of \"hardExampleMinning\" on line 9",
                "broken.yaml:18:17: error: [document 1] spec.edgeWorker.template.spec.containers[0].ports[0]"
                        + ".containerPort: expected a whole number",
                "broken.yaml:37:15: error: [document 2] spec.trainSpec.trigger.timer.start: \"25:00\" is not a time",
                "broken.yaml:38:19: error: [document 2] spec.trainSpec.trigger.condition.operator: unknown trigger "
                        + "operator \"=>\"",
                "broken.yaml:40:1: error: [document 3] kind: unknown kind \"Modle\" (did you mean \"Model\"?)",
                "0 valid resources, 16 errors, 1 warning");
        assertThat(run.out().lines().filter(l -> l.startsWith("    fix: "))).hasSize(17);
    }

    @Test
    void quietPrintsOnlyErrors() {
        CliRun ok = CliRun.of("validate", "-q", "-R", "-f", EXAMPLES.toString());
        CliRun bad = CliRun.of("validate", "-q", "-f", resource("broken.yaml"));

        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).isEmpty();
        assertThat(bad.out()).doesNotContain("warning:").contains("error:");
    }

    @Test
    void badInputIsAOneLineErrorNeverAStackTrace(@TempDir Path dir) throws IOException {
        Path binary = Files.write(dir.resolve("model.yaml"), new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2});
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        Path syntax = Files.writeString(dir.resolve("syntax.yaml"), "kind: Model\nmetadata:\n  name: [a\n");
        Path list = Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
        Path notUtf8 = Files.write(dir.resolve("latin1.yaml"), "kind: Mod\u00e9l\n".getBytes("ISO-8859-1"));
        Path big = dir.resolve("big.yaml");
        byte[] line = "# padding padding padding padding padding padding padding padding padding\n".getBytes();
        byte[] content = new byte[11 * 1024 * 1024];
        for (int i = 0; i < content.length; i++) {
            content[i] = line[i % line.length];
        }
        Files.write(big, content);
        Path emptyDir = Files.createDirectory(dir.resolve("nothing-here"));

        CliRun run = CliRun.of("validate", "-f", binary.toString(), "-f", empty.toString(), "-f",
                syntax.toString(), "-f", list.toString(), "-f", notUtf8.toString(), "-f", big.toString(),
                "-f", emptyDir.toString(), "-f", dir.resolve("missing.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.all()).doesNotContain("Exception", "\tat ").contains(
                "model.yaml: error: is a binary file",
                "empty.yaml: error: is empty",
                "syntax.yaml:4:1: error: [document 1] YAML syntax error",
                "list.yaml:1:1: error: [document 1] a document must be a mapping",
                "latin1.yaml: error: is not UTF-8 text",
                "big.yaml: error: is 11,534,336 bytes, over the 10 MB (10,485,760 bytes) limit for manifests",
                "nothing-here: error: holds no .yaml, .yml or .json file",
                "missing.yaml: error: does not exist",
                "8 files, 0 valid resources, 8 errors");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : Arrays.asList("validate", "version", "up", "gm", "lc", "apply", "delete", "get",
                "describe", "logs", "demo")) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).startsWith("Usage: sedna " + command);
        }
        assertThat(CliRun.of("--help").out()).contains("validate", "Commands:");
    }

    @Test
    void commandsNotBuiltYetSaySoAndFail() {
        CliRun run = CliRun.of("demo", "incremental-learning");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("sedna demo incremental-learning: not available yet");
    }

    @Test
    void versionNamesTheApi() {
        CliRun run = CliRun.of("version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("sedna4j ").contains("0.1.0", "sedna.io/v1alpha1");
    }

    @Test
    void unknownOptionIsAUsageErrorNotACrash() {
        CliRun run = CliRun.of("validate", "-f", "x.yaml", "--frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--frobnicate'").doesNotContain("\tat ");
    }

    private static String resource(String name) {
        return Path.of("src/test/resources", name).toAbsolutePath().toString();
    }
}
