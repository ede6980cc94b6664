package io.sedna4j.api.codec;

import static io.sedna4j.api.ProblemAssertions.assertProblems;
import static io.sedna4j.api.ProblemAssertions.error;
import static io.sedna4j.api.ProblemAssertions.format;
import static io.sedna4j.api.ProblemAssertions.onlyProblem;
import static io.sedna4j.api.ProblemAssertions.warning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.Problem;
import io.sedna4j.api.Problem.Severity;
import io.sedna4j.api.v1alpha1.FederatedLearningJob;
import io.sedna4j.api.v1alpha1.IncrementalLearningJob;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a user hands in, the reader answers with problems a user can act on, never an exception: each file-level
 * mistake is one problem on one line, and YAML as Kubernetes reads it (JSON too) loads as Kubernetes loads it.
 */
class ReaderTest {
    private static final String MODEL = """
            apiVersion: sedna.io/v1alpha1
            kind: Model
            metadata:
              name: helmet-model
            spec:
              url: /models/helmet.onnx
              format: onnx
            """;

    @TempDir
    Path dir;

    @Test
    void yamlSyntaxErrorNamesItsLineAndColumn() {
        Manifest manifest = Manifest.parse("bad-indent.yaml", """
                apiVersion: sedna.io/v1alpha1
                kind: Model
                metadata:
                  name: helmet-model
                 spec:
                  url: /models/helmet.onnx
                """);

        Problem p = onlyProblem(manifest);
        assertThat(p.severity()).isEqualTo(Severity.ERROR);
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.column()).isEqualTo(2);
        assertThat(p.message()).startsWith("YAML syntax error");
        assertThat(p.format()).startsWith("bad-indent.yaml:5:2: error: ");
    }

    @Test
    void tabIndentationIsASyntaxErrorThatSaysSo() {
        Problem p = onlyProblem(Manifest.parse("tabs.yaml", MODEL.replace("  name:", "\tname:")));

        assertThat(p.line()).isEqualTo(4);
        assertThat(p.message()).contains("TAB");
        assertThat(p.hint()).contains("not tabs");
    }

    @Test
    void emptyFileIsOneProblem() throws IOException {
        Problem p = onlyProblem(Manifest.read(write("empty.yaml", "")));

        assertThat(p.message()).isEqualTo("is empty");
        assertThat(p.line()).isZero();
        assertThat(onlyProblem(Manifest.parse("blank.yaml", " \n\n  \n")).message()).isEqualTo("is empty");
    }

    @Test
    void fileOfOnlyCommentsHoldsNoResource() throws IOException {
        Problem p = onlyProblem(Manifest.read(write("comments.yaml", "# a model\n# comes here\n---\n# later\n")));

        assertThat(p.message()).isEqualTo("the file holds no resource");
        assertThat(p.hint()).contains("apiVersion, kind, metadata and spec");
    }

    @Test
    void binaryFileIsRefusedWhereItsFirstZeroByteIs() throws IOException {
        Path file = dir.resolve("model.onnx");
        Files.write(file, new byte[] {'O', 'N', 'N', 'X', 0, 1, 2, (byte) 0xff});

        Problem p = onlyProblem(Manifest.read(file));

        assertThat(p.message()).isEqualTo("is a binary file (byte 0 at offset 4)");
        assertThat(p.hint()).contains("YAML or JSON");
    }

    @Test
    void fileOverTenMegabytesIsRefusedWithoutBeingRead() throws IOException {
        Path file = sparseFile("huge.yaml", 12L * 1024 * 1024);

        Problem p = onlyProblem(Manifest.read(file));

        assertThat(p.message()).isEqualTo("is 12,582,912 bytes, over the 10 MB (10,485,760 bytes) limit for manifests");
        assertThat(p.hint()).contains("split");
    }

    @Test
    void fileJustOverTheLimitIsNotSaidToBeAsLargeAsTheLimit() throws IOException {
        Path file = sparseFile("just-over.yaml", YamlReader.MAX_CHARS + 1L);

        Problem p = onlyProblem(Manifest.read(file));

        // rounding down to "10 MB" would leave the user wondering what is wrong
        assertThat(p.message()).doesNotContain("is 10 MB; manifests are limited to 10 MB");
    }

    @Test
    void textThatIsNotUtf8IsOneProblem() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, MODEL.replace("helmet-model", "modèle").getBytes(StandardCharsets.ISO_8859_1));

        Problem p = onlyProblem(Manifest.read(file));

        assertThat(p.message()).isEqualTo("is not UTF-8 text");
        assertThat(p.hint()).contains("UTF-8");
    }

    @Test
    void missingFileIsOneProblemNamingIt() {
        Path file = dir.resolve("no-such-manifest.yaml");

        Problem p = onlyProblem(Manifest.read(file));

        assertThat(p.message()).isEqualTo("does not exist");
        assertThat(p.file()).isEqualTo(file.toString());
    }

    @Test
    void directoryIsOneProblem() {
        Problem p = onlyProblem(Manifest.read(dir));

        assertThat(p.message()).isEqualTo("is a directory");
        assertThat(p.hint()).contains("files inside it");
    }

    @Test
    void unknownApiVersionIsAnErrorThatGivesTheRightOne() {
        Problem p = onlyProblem(Manifest.parse("beta.yaml", MODEL.replace("v1alpha1", "v1beta1")));

        assertThat(p).extracting(Problem::line, Problem::path, Problem::message)
                .containsExactly(1, "apiVersion", "unknown apiVersion \"sedna.io/v1beta1\"");
        assertThat(p.hint()).contains("apiVersion: sedna.io/v1alpha1");
    }

    @Test
    void unknownKindIsAnErrorThatSuggestsTheKindMeant() {
        Problem p = onlyProblem(Manifest.parse("typo.yaml", MODEL.replace("kind: Model", "kind: JointInferenceServce")));

        assertThat(p).extracting(Problem::line, Problem::path, Problem::message).containsExactly(2, "kind",
                "unknown kind \"JointInferenceServce\" (did you mean \"JointInferenceService\"?)");
        assertThat(p.hint()).contains("Dataset, Model, JointInferenceService");
    }

    @Test
    void documentThatIsAListIsAnError() {
        Problem p = onlyProblem(Manifest.parse("list.yaml", "- apiVersion: sedna.io/v1alpha1\n- kind: Model\n"));

        assertThat(p).extracting(Problem::line, Problem::path).containsExactly(1, "");
        assertThat(p.message()).contains("must be a mapping", "not a list");
    }

    @Test
    void duplicateKeyNamesBothLines() {
        Problem p = onlyProblem(Manifest.parse("twice.yaml", MODEL + "  url: /models/helmet-v2.onnx\n"));

        assertThat(p).extracting(Problem::severity, Problem::line, Problem::path)
                .containsExactly(Severity.ERROR, 8, "spec.url");
        assertThat(p.message()).isEqualTo("duplicate key \"url\" (first given on line 6)");
    }

    @Test
    void documentsSeparatedByDashesWithCommentsEverywhereAllLoad() {
        Manifest manifest = Manifest.parse("models.yaml", """
                # Models of the helmet detection demo
                ---
                # the small one, for the edge
                apiVersion: sedna.io/v1alpha1   # the only version
                kind: Model
                metadata:
                  # names are lower case
                  name: little-model
                spec:
                  url: /models/little.onnx      # on every edge node
                  format: onnx
                ---
                apiVersion: sedna.io/v1alpha1
                kind: Model
                metadata:
                  name: big-model
                spec:
                  url: s3://models/big.onnx
                  format: onnx
                # the end
                ---
                """);

        assertThat(manifest.problems()).as(format(manifest.problems())).isEmpty();
        assertThat(manifest.entries()).extracting(Manifest.Entry::document, Manifest.Entry::line,
                e -> e.resource().metadata.name).containsExactly(
                tuple(1, 4, "little-model"),
                tuple(2, 13, "big-model"));
    }

    @Test
    void jsonWithTabIndentationLoadsLikeTheSameYaml() throws IOException {
        String json = """
                {
                \t"apiVersion": "sedna.io/v1alpha1",
                \t"kind": "Model",
                \t"metadata": {
                \t\t"name": "helmet-model"
                \t},
                \t"spec": {
                \t\t"url": "/models/helmet.onnx",
                \t\t"format": "onnx"
                \t}
                }
                """;

        Manifest fromJson = Manifest.read(write("model.json", json));
        Manifest fromYaml = Manifest.parse("model.yaml", MODEL);

        assertThat(fromJson.problems()).as(format(fromJson.problems())).isEmpty();
        assertThat(ResourceCodec.toTree(fromJson.resources().get(0)))
                .isEqualTo(ResourceCodec.toTree(fromYaml.resources().get(0)));
    }

    @Test
    void jsonProblemsNameTheirLine() {
        Manifest manifest = Manifest.parse("model.json", """
                {
                \t"apiVersion": "sedna.io/v1alpha1",
                \t"kind": "Model",
                \t"metadata": {"name": "helmet-model"},
                \t"spec": {
                \t\t"url": "ftp://models/helmet.onnx",
                \t\t"format": "onnx"
                \t}
                }
                """);

        assertProblems(manifest, error(6, "spec.url", "URL scheme \"ftp\" is not supported"));
    }

    @Test
    void timeOfDayStaysTextAsKubernetesReadsIt() {
        Manifest manifest = Manifest.parse("il.yaml", incrementalLearning("start: 02:00\n        end: 24:00"));

        assertThat(manifest.problems()).as(format(manifest.problems())).isEmpty();
        IncrementalLearningJob job = (IncrementalLearningJob) manifest.resources().get(0);
        assertThat(job.spec.trainSpec.trigger.timer.start).isEqualTo("02:00");
        assertThat(job.spec.trainSpec.trigger.timer.end).isEqualTo("24:00");
        assertThat(ResourceCodec.toYaml(job)).contains("02:00").doesNotContain("120");
    }

    @Test
    void numberAsAnEnvironmentValueIsReadAsItsTextWithAWarning() {
        Manifest manifest = Manifest.parse("fl.yaml", federatedLearning("5"));
        String path = "spec.aggregationWorker.template.spec.containers[0].env[0].value";

        assertProblems(manifest, warning(16, path, "expected a string, got the number 5; read as the string \"5\""));
        assertThat(manifest.problems().get(0).hint()).contains("quote it");
        FederatedLearningJob job = (FederatedLearningJob) manifest.resources().get(0);
        assertThat(job.spec.aggregationWorker.template.spec.containers.get(0).env.get(0).value).isEqualTo("5");
    }

    @Test
    void numberAsAnEnvironmentValueIsReadAsWrittenNotAsParsed() {
        for (String written : new String[] {"0.50", "0x1F", "1_000", "yes"}) {
            Manifest manifest = Manifest.parse("fl.yaml", federatedLearning(written));

            FederatedLearningJob job = (FederatedLearningJob) manifest.resources().get(0);
            assertThat(job.spec.aggregationWorker.template.spec.containers.get(0).env.get(0).value)
                    .as(written).isEqualTo(written);
        }
    }

    @Test
    void anchoredNumberAsAnEnvironmentValueIsReadWithoutItsAnchor() {
        String text = federatedLearning("&rounds 5");
        String indent = text.substring(text.lastIndexOf('\n', text.indexOf("- name: exit_round")) + 1,
                text.indexOf("- name: exit_round"));
        text = text.replace("value: &rounds 5\n",
                "value: &rounds 5\n" + indent + "- name: max_rounds\n" + indent + "  value: *rounds\n");

        Manifest manifest = Manifest.parse("fl.yaml", text);

        // the anchor is YAML syntax, not part of the value
        FederatedLearningJob job = (FederatedLearningJob) manifest.resources().get(0);
        assertThat(job.spec.aggregationWorker.template.spec.containers.get(0).env)
                .extracting(e -> e.name, e -> e.value)
                .containsExactly(tuple("exit_round", "5"), tuple("max_rounds", "5"));
    }

    @Test
    void mergeKeysShareFieldsAsKubernetesReadsThem() {
        Manifest manifest = Manifest.parse("merge.yaml", """
                apiVersion: sedna.io/v1alpha1
                kind: Dataset
                metadata:
                  name: edge1-dataset
                spec:
                  <<: {format: txt, nodeName: edge1}
                  url: /data/edge1/train.txt
                """);

        // kubectl (go-yaml) merges "<<" keys
        assertThat(manifest.problems()).as(format(manifest.problems())).isEmpty();
    }

    @Test
    void byteOrderMarkIsAccepted() throws IOException {
        Path file = dir.resolve("bom.yaml");
        byte[] text = MODEL.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);
        Files.write(file, bytes);

        Manifest manifest = Manifest.read(file);

        assertThat(manifest.problems()).as(format(manifest.problems())).isEmpty();
        assertThat(manifest.resources()).singleElement().satisfies(r -> assertThat(r.metadata.name)
                .isEqualTo("helmet-model"));
    }

    @Test
    void readerKeepsTheLineOfEveryField() {
        List<Problem> problems = new ArrayList<>();
        YamlDocument doc = YamlReader.read("model.yaml", MODEL, problems).get(0);

        assertThat(problems).isEmpty();
        assertThat(doc.position("spec.format").line()).isEqualTo(7);
        assertThat(doc.position("spec.format.nothing.below").line()).isEqualTo(7);
        JsonNode tree = doc.tree();
        assertThat(tree.path("spec").path("url").asText()).isEqualTo("/models/helmet.onnx");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** A file of {@code size} bytes that takes no room on disk. */
    private Path sparseFile(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    private static String incrementalLearning(String timer) {
        return """
                apiVersion: sedna.io/v1alpha1
                kind: IncrementalLearningJob
                metadata:
                  name: helmet-detection
                spec:
                  initialModel: {name: initial-model}
                  dataset: {name: helmet-dataset, trainProb: 0.8}
                  trainSpec:
                    template:
                      spec:
                        containers: [{name: train, image: sedna4j/train}]
                    trigger:
                      timer:
                        TIMER
                      condition: {operator: ">", threshold: 500, metric: num_of_samples}
                  evalSpec:
                    template:
                      spec:
                        containers: [{name: eval, image: sedna4j/eval}]
                  deploySpec:
                    model: {name: deploy-model}
                    trigger:
                      condition: {operator: ">", threshold: 0.1, metric: precision_delta}
                    hardExampleMining: {name: IBT}
                    template:
                      spec:
                        containers: [{name: infer, image: sedna4j/infer}]
                  outputDir: /output
                """.replace("TIMER", timer);
    }

    private static String federatedLearning(String value) {
        return """
                apiVersion: sedna.io/v1alpha1
                kind: FederatedLearningJob
                metadata:
                  name: surface-defect-detection
                spec:
                  aggregationWorker:
                    model:
                      name: surface-defect-detection-model
                    template:
                      spec:
                        containers:
                          - name: agg-worker
                            image: sedna4j/federated-learning-aggregation
                            env:
                              - name: exit_round
                                value: VALUE
                  trainingWorkers:
                    - dataset:
                        name: edge1-dataset
                      template:
                        spec:
                          containers:
                            - name: train-worker
                              image: sedna4j/federated-learning-train
                """.replace("VALUE", value);
    }
}
