package io.sedna4j.lib.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

class StorageTest {
    private static S3Proxy proxy;
    private static S3Client s3;
    private static String endpoint;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret").build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(UrlConnectionHttpClient.create()).build();
        s3.createBucket(b -> b.bucket("models"));
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
        proxy.stop();
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket("models").key(key), RequestBody.fromString(content));
    }

    private static void put(String key, byte[] content) {
        s3.putObject(b -> b.bucket("models").key(key), RequestBody.fromBytes(content));
    }

    /** Storage as a worker gets it: S3 and the cache from the environment. */
    private Storage storage(String secret) {
        return Storage.of(WorkerContext.fromEnv(Map.of("S3_ENDPOINT_URL", endpoint, "ACCESS_KEY_ID", "access",
                "SECRET_ACCESS_KEY", secret, "SEDNA_CACHE_DIR", dir.resolve("cache").toString())));
    }

    // ---- local ---------------------------------------------------------------------------------------------------

    @Test
    void plainPathsAreRelativeToTheWorkingDirectoryAndFileUrlsAreUsedInPlace() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work/models"));
        Files.writeString(work.resolve("m.onnx"), "model");
        Storage storage = new Storage(dir.resolve("cache"), dir.resolve("work"), new S3Settings("", "", "", ""));
        assertThat(storage.resolve("models/m.onnx")).isEqualTo(work.resolve("m.onnx"));
        assertThat(storage.resolve("file://" + work.resolve("m.onnx"))).isEqualTo(work.resolve("m.onnx"));
        assertThat(storage.resolve(work.toString())).isEqualTo(work);
        assertThatThrownBy(() -> storage.resolve("models/missing.onnx", "MODEL_URL"))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("MODEL_URL=\"models/missing.onnx\"")
                .hasMessageContaining(work.resolve("missing.onnx") + " does not exist");
        assertThatThrownBy(() -> storage.resolve("gs://bucket/x")).hasMessageContaining("scheme \"gs\"");
        assertThatThrownBy(() -> storage.resolve(" ", "TRAIN_DATASET_URL")).hasMessageContaining("TRAIN_DATASET_URL");
    }

    @Test
    void localArchivesAreUnpackedOnceUntilTheyChange() throws Exception {
        Path archive = dir.resolve("model.tar.gz");
        Tars.write(archive, Map.of("model/", "", "model/weights.bin", "v1", "model/config.json", "{}"));
        Storage storage = new Storage(dir.resolve("cache"), dir, new S3Settings("", "", "", ""));
        Path unpacked = storage.resolve(archive.toString());
        assertThat(unpacked.resolve("model/weights.bin")).hasContent("v1");
        assertThat(unpacked.resolve("model/config.json")).hasContent("{}");
        Files.writeString(unpacked.resolve("marker"), "cache hit"); // survives only if nothing is unpacked again
        assertThat(storage.resolve(archive.toString())).isEqualTo(unpacked);
        assertThat(unpacked.resolve("marker")).exists();

        Tars.write(archive, Map.of("model/weights.bin", "v2"));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 5000));
        Path again = storage.resolve(archive.toString());
        assertThat(again.resolve("model/weights.bin")).hasContent("v2");
        assertThat(again.resolve("marker")).doesNotExist();
    }

    @Test
    void archiveEntriesThatEscapeTheTargetAreRefused() throws Exception {
        Storage storage = new Storage(dir.resolve("cache"), dir, new S3Settings("", "", "", ""));
        Path climb = dir.resolve("climb.tgz");
        Tars.write(climb, Map.of("ok.txt", "fine", "../../evil.txt", "owned"));
        assertThatThrownBy(() -> storage.resolve(climb.toString())).isInstanceOf(LibException.class)
                .hasMessageContaining("\"../../evil.txt\" would be written outside").hasMessageContaining("refused");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
        assertThat(dir.getParent().resolve("evil.txt")).doesNotExist();

        Path absolute = dir.resolve("absolute.tar.gz");
        Tars.write(absolute, Map.of("/tmp/sedna4j-evil.txt", "owned"));
        assertThatThrownBy(() -> storage.resolve(absolute.toString())).hasMessageContaining("outside");
        assertThat(Path.of("/tmp/sedna4j-evil.txt")).doesNotExist();

        // a link pointing out, then a file written through it: the link is never made
        Path link = dir.resolve("link.tar.gz");
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("out", "->" + dir.resolve("outside").toString());
        entries.put("inside.txt", "ok");
        Tars.write(link, entries);
        Path unpacked = storage.resolve(link.toString());
        assertThat(unpacked.resolve("out")).doesNotExist();
        assertThat(unpacked.resolve("inside.txt")).hasContent("ok");
        assertThat(storage.cacheDir().getParent().resolve("outside")).doesNotExist();
    }

    @Test
    void archivesFromGnuTarUnpackWithLongNames() throws Exception {
        Path tar = Path.of("/usr/bin/tar");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(tar), "no tar on this machine");
        String longName = "a".repeat(120) + ".txt";
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(src.resolve(longName), "long");
        Files.write(src.resolve("blob.bin"), new byte[70_000]);
        Path archive = dir.resolve("gnu.tar.gz");
        Process p = new ProcessBuilder(tar.toString(), "-czf", archive.toString(), "-C", dir.resolve("src").toString(),
                ".").redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        Path out = new Storage(dir.resolve("cache"), dir, new S3Settings("", "", "", "")).resolve(archive.toString());
        assertThat(out.resolve("sub/" + longName)).hasContent("long");
        assertThat(Files.size(out.resolve("sub/blob.bin"))).isEqualTo(70_000);
    }

    // ---- s3 ------------------------------------------------------------------------------------------------------

    @Test
    void anS3ObjectIsFetchedOnceAndAgainWhenItChanges() throws Exception {
        put("detector/v1/model.onnx", "weights-1");
        Storage storage = storage("secret");
        Path model = storage.resolve("s3://models/detector/v1/model.onnx");
        assertThat(model).hasContent("weights-1").hasFileName("model.onnx");
        Files.writeString(model.resolveSibling("marker"), "cache hit");
        assertThat(storage.resolve("s3://models/detector/v1/model.onnx")).isEqualTo(model);
        assertThat(model.resolveSibling("marker")).exists();

        put("detector/v1/model.onnx", "weights-2, longer");
        Path updated = storage.resolve("s3://models/detector/v1/model.onnx");
        assertThat(updated).hasContent("weights-2, longer");
        assertThat(updated.resolveSibling("marker")).doesNotExist();
        storage.close();
    }

    @Test
    void anS3PrefixBecomesADirectoryAndArchivesAreUnpacked() throws Exception {
        put("dataset/train/index.txt", "a.jpg 0\nb.jpg 1\n");
        put("dataset/train/images/a.jpg", "A");
        put("dataset/train/images/b.jpg", "B");
        put("dataset/trainer-other.txt", "not under the prefix");
        put("packed/model.tar.gz", Tars.bytes(Map.of("saved_model.pb", "graph", "variables/v.index", "idx")));
        try (Storage storage = storage("secret")) {
            Path train = storage.resolve("s3://models/dataset/train");
            assertThat(train).isDirectory();
            assertThat(train.resolve("index.txt")).hasContent("a.jpg 0\nb.jpg 1\n");
            assertThat(train.resolve("images/b.jpg")).hasContent("B");
            assertThat(train.resolve("trainer-other.txt")).doesNotExist();
            assertThat(storage.resolve("s3://models/dataset/train/")).isEqualTo(train);

            Path packed = storage.resolve("s3://models/packed/model.tar.gz");
            assertThat(packed.resolve("saved_model.pb")).hasContent("graph");
            assertThat(packed.resolve("variables/v.index")).hasContent("idx");

            assertThatThrownBy(() -> storage.resolve("s3://models/nothing/here", "MODEL_URL"))
                    .isInstanceOf(LibException.class).hasMessageContaining("no object at s3://models/nothing/here");
        }
    }

    @Test
    void wrongCredentialsSayWhichVariablesToCheck() {
        put("secret/model.onnx", "x");
        try (Storage storage = storage("wrong")) {
            assertThatThrownBy(() -> storage.resolve("s3://models/secret/model.onnx"))
                    .isInstanceOf(LibException.class).hasMessageContaining("S3 answered 403")
                    .hasMessageContaining("ACCESS_KEY_ID");
        }
    }

    @Test
    void aCachedCopyServesWhenS3IsUnreachable() throws Exception {
        put("offline/model.onnx", "kept");
        try (Storage online = storage("secret")) {
            online.resolve("s3://models/offline/model.onnx");
        }
        Storage offline = new Storage(dir.resolve("cache"), dir,
                new S3Settings("http://127.0.0.1:1", "access", "secret", "us-east-1"));
        assertThat(offline.resolve("s3://models/offline/model.onnx")).hasContent("kept");
        assertThatThrownBy(() -> offline.resolve("s3://models/offline/never-fetched.onnx"))
                .isInstanceOf(LibException.class).hasMessageContaining("http://127.0.0.1:1");
        offline.close();
    }

    @Test
    void outputsAreUploadedToS3AndToPaths() throws Exception {
        Path out = Files.createDirectories(dir.resolve("output/nested"));
        Files.writeString(dir.resolve("output/model.onnx"), "trained");
        Files.writeString(out.resolve("metrics.json"), "{\"acc\":0.9}");
        try (Storage storage = storage("secret")) {
            storage.upload(dir.resolve("output"), "s3://models/round-1");
            storage.upload(dir.resolve("output/model.onnx"), "s3://models/single/");
            Path back = storage.resolve("s3://models/round-1");
            assertThat(back.resolve("model.onnx")).hasContent("trained");
            assertThat(back.resolve("nested/metrics.json")).hasContent("{\"acc\":0.9}");
            assertThat(storage.resolve("s3://models/single/model.onnx")).hasContent("trained");

            storage.upload(dir.resolve("output"), dir.resolve("copy").toString());
            assertThat(dir.resolve("copy/nested/metrics.json")).hasContent("{\"acc\":0.9}");
            storage.upload(dir.resolve("output/model.onnx"), "file://" + dir.resolve("deployed") + "/");
            assertThat(dir.resolve("deployed/model.onnx")).hasContent("trained");
            assertThatThrownBy(() -> storage.upload(dir.resolve("output"), "http://example.com/x"))
                    .hasMessageContaining("takes no uploads");
        }
    }

    // ---- http ----------------------------------------------------------------------------------------------------

    @Test
    void httpDownloadsAreRevalidatedWithTheirEtag() throws Exception {
        Map<String, byte[]> files = new ConcurrentHashMap<>();
        files.put("/models/m.onnx", "v1".getBytes(StandardCharsets.UTF_8));
        files.put("/models/m.tgz", Tars.bytes(Map.of("m/model.onnx", "packed")));
        AtomicInteger full = new AtomicInteger();
        AtomicInteger notModified = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = files.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            String etag = "\"" + java.util.Arrays.hashCode(body) + "\"";
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                ex.close();
                return;
            }
            full.incrementAndGet();
            ex.getResponseHeaders().set("ETag", etag);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            Storage storage = new Storage(dir.resolve("cache"), dir, new S3Settings("", "", "", ""));
            Path m = storage.resolve(base + "/models/m.onnx");
            assertThat(m).hasContent("v1").hasFileName("m.onnx");
            assertThat(storage.resolve(base + "/models/m.onnx")).isEqualTo(m);
            assertThat(full).hasValue(1);
            assertThat(notModified).hasValue(1);

            files.put("/models/m.onnx", "v2".getBytes(StandardCharsets.UTF_8));
            assertThat(storage.resolve(base + "/models/m.onnx")).hasContent("v2");
            assertThat(full).hasValue(2);

            assertThat(storage.resolve(base + "/models/m.tgz").resolve("m/model.onnx")).hasContent("packed");
            assertThatThrownBy(() -> storage.resolve(base + "/models/missing.onnx", "MODEL_URL"))
                    .isInstanceOf(LibException.class).hasMessageContaining("MODEL_URL")
                    .hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }
}
