package io.sedna4j.api;

import static io.sedna4j.api.ProblemAssertions.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.codec.YamlDocument;
import io.sedna4j.api.codec.YamlReader;
import io.sedna4j.api.v1alpha1.IncrementalLearningJob;
import io.sedna4j.api.v1alpha1.JointInferenceService;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sedna's own manifests, as users copy them from Sedna's repository, load and are written back unchanged. Skipped
 * when {@code ../shared/sedna-compat} is absent.
 */
class SednaCompatibilityTest {
    /** The validator's words when it takes a non-string as the string its author wrote. */
    private static final Pattern READ_AS_STRING = Pattern.compile("; read as the string \"(.*)\"$", Pattern.DOTALL);

    static Stream<Named<Path>> sampleFiles() {
        if (!SednaSamples.present()) {
            return Stream.of(Named.of(SednaSamples.ABSENT, null));
        }
        return SednaSamples.manifests().stream().map(f -> Named.of(SednaSamples.name(f), f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleFiles")
    void sampleLoadsWithoutErrors(Path file) {
        SednaSamples.compatDir();
        Manifest manifest = Manifest.read(file);

        assertThat(manifest.problems().stream().filter(Problem::isError))
                .as("errors in %s:%n%s", file, format(manifest.problems()))
                .isEmpty();
        assertThat(manifest.entries()).as("resources of %s", file).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleFiles")
    void sampleIsWrittenBackAsItWasRead(Path file) {
        SednaSamples.compatDir();
        Manifest manifest = Manifest.read(file);
        List<YamlDocument> originals = YamlReader.read(file.toString(), SednaSamples.read(file), new ArrayList<>());
        assertThat(manifest.entries()).as("resources of %s:%n%s", file, format(manifest.problems()))
                .hasSameSizeAs(originals);

        for (Manifest.Entry entry : manifest.entries()) {
            JsonNode original = Trees.withoutNulls(originals.stream()
                    .filter(d -> d.index() == entry.document()).findFirst().orElseThrow().tree());
            String yaml = ResourceCodec.toYaml(entry.resource());
            List<JsonNode> rewritten = Trees.documents("written " + file.getFileName(), yaml);
            assertThat(rewritten).as("documents written for %s", entry.resource().key()).hasSize(1);
            JsonNode written = Trees.withoutNulls(rewritten.get(0));

            // where the validator took a non-string as the text its author wrote, that text is what is written
            for (Problem p : manifest.problems()) {
                Matcher m = READ_AS_STRING.matcher(p.message());
                if (p.document() == entry.document() && m.find()) {
                    String text = m.group(1).replace("\\\"", "\"");
                    assertThat(Trees.at(written, p.path())).as("%s in the written %s", p.path(), file.getFileName())
                            .isEqualTo(TextNode.valueOf(text));
                    Trees.set(original, p.path(), TextNode.valueOf(text));
                }
            }
            assertThat(Trees.differences(original, written))
                    .as("%s as read, then as written back", entry.resource().key())
                    .isEmpty();
            assertThat(written).isEqualTo(original);
        }
    }

    @Test
    void samplesCoverEveryKind() {
        Set<String> kinds = new TreeSet<>();
        for (Path file : SednaSamples.manifests()) {
            Manifest.read(file).resources().forEach(r -> kinds.add(r.kind));
        }

        assertThat(kinds).containsExactlyInAnyOrderElementsOf(
                Stream.of(Kind.values()).map(Kind::kindName).toList());
    }

    @Test
    void jointInferenceSampleKeepsTheEdgeWorkersHardExampleMining() {
        JointInferenceService ji = (JointInferenceService) single("samples/jointinferenceservice_v1alpha1.yaml");

        assertThat(ji.spec.edgeWorker.hardExampleMining.name).isEqualTo("IBT");
        assertThat(ji.spec.edgeWorker.hardExampleMining.parameters)
                .extracting(p -> p.key, p -> p.value)
                .first().isEqualTo(tuple("threshold_img", "0.5"));
    }

    @Test
    void incrementalLearningTriggerWindowStartIsTheTextTwoOClock() {
        IncrementalLearningJob il = (IncrementalLearningJob) single("samples/incrementallearningjob_v1alpha1.yaml");

        assertThat(il.spec.trainSpec.trigger.timer.start).isEqualTo("02:00");
        assertThat(il.spec.trainSpec.trigger.timer.end).isEqualTo("24:00");
        assertThat(ResourceCodec.toTree(il).at("/spec/trainSpec/trigger/timer/start").isTextual()).isTrue();
    }

    @Test
    void reidJobWithItsIndentedFirstLineLoadsWithOneWarningOnLineOne() {
        Manifest manifest = Manifest.read(SednaSamples.compatDir().resolve("pedestrian-tracking/reid-job.yaml"));

        assertThat(manifest.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("indented");
        });
        assertThat(manifest.resources()).singleElement().extracting(r -> r.kind, r -> r.metadata.name)
                .containsExactly("ReidJob", "reid");
    }

    @Test
    void listWrittenAsAnEnvValueIsReadAsTheTextItsAuthorWrote() {
        for (String sample : List.of("samples/objectsearchservice_v1alpha1.yaml",
                "samples/objecttrackingservice_v1alpha1.yaml")) {
            Manifest manifest = Manifest.read(SednaSamples.compatDir().resolve(sample));
            String path = "spec.trackingWorkers[0].template.spec.containers[0].env[0]";

            JsonNode tree = ResourceCodec.toTree(manifest.resources().get(0));
            assertThat(Trees.at(tree, path + ".name").asText()).isEqualTo("dataSources");
            assertThat(Trees.at(tree, path + ".value")).as(sample)
                    .isEqualTo(TextNode.valueOf("[192.168.0.12,192.168.0.13]"));
            JsonNode written = Trees.documents("written", ResourceCodec.toYaml(manifest.resources().get(0))).get(0);
            assertThat(Trees.at(written, path + ".value")).as("%s written back", sample)
                    .isEqualTo(TextNode.valueOf("[192.168.0.12,192.168.0.13]"));
            assertThat(manifest.problems()).as(sample)
                    .filteredOn(p -> p.path().equals(path + ".value")).singleElement()
                    .satisfies(p -> {
                        assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
                        assertThat(p.message()).endsWith("read as the string \"[192.168.0.12,192.168.0.13]\"");
                    });
        }
    }

    private static Resource<?, ?> single(String sample) {
        Manifest manifest = Manifest.read(SednaSamples.compatDir().resolve(sample));
        assertThat(manifest.resources()).as("%s:%n%s", sample, format(manifest.problems())).hasSize(1);
        return manifest.resources().get(0);
    }
}
