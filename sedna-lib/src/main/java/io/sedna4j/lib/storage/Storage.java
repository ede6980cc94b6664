package io.sedna4j.lib.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a model or dataset URL into a local path, as Sedna's {@code FileOps} does, and writes outputs back.
 *
 * <ul>
 *   <li>a plain path (relative to the working directory) or {@code file://} is used where it is;</li>
 *   <li>{@code s3://bucket/key} fetches the object, or every object under {@code key/} as a directory;</li>
 *   <li>{@code http(s)://} fetches the file;</li>
 *   <li>a {@code .tar.gz}/{@code .tgz} (from any of these) is unpacked, and the directory returned.</li>
 * </ul>
 *
 * Fetched and unpacked copies live in a cache directory, one entry per URL, and are reused until the source changes
 * (S3: ETag and size of every object; HTTP: ETag/Last-Modified through a conditional GET; local archives: size and
 * modification time). When the source cannot be reached, a cached copy is used with a warning, so an edge node keeps
 * working offline. An entry is replaced atomically and guarded by a file lock, so workers may share the cache.
 */
public final class Storage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Storage.class);
    private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();
    private static final String RECORD = "source.json";

    private final Path cacheDir;
    private final Path workingDir;
    private final S3Settings s3Settings;
    private final HttpClient http;
    private volatile S3Store s3;

    /**
     * @param cacheDir   where fetched copies are kept
     * @param workingDir what plain relative paths are relative to
     */
    public Storage(Path cacheDir, Path workingDir, S3Settings s3) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.s3Settings = s3;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Storage for a worker: S3 from the environment, the cache in SEDNA_CACHE_DIR (else
     * {@code <tmp>/sedna4j-cache}), plain paths relative to the process's working directory.
     */
    public static Storage of(WorkerContext context) {
        Path cache = Path.of(context.parameter("SEDNA_CACHE_DIR",
                Path.of(System.getProperty("java.io.tmpdir"), "sedna4j-cache").toString()));
        return new Storage(cache, Path.of(""), S3Settings.fromContext(context));
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** The local path of {@code url}. */
    public Path resolve(String url) {
        return resolve(url, null);
    }

    /**
     * The local path of {@code url}: a file, or a directory for S3 prefixes and archives.
     *
     * @param what what the URL is for, named in errors (e.g. {@code MODEL_URL})
     */
    public Path resolve(String url, String what) {
        String label = what == null ? "\"" + url + "\"" : what + "=\"" + url + "\"";
        if (url == null || url.isBlank()) {
            throw new LibException((what == null ? "the URL" : what) + " is empty; fix: give a path, file://, s3://"
                    + " or http(s):// URL");
        }
        String u = url.trim();
        String scheme = scheme(u);
        switch (scheme) {
            case "", "file" -> {
                Path p = localPath(u);
                if (!Files.exists(p)) {
                    throw new LibException(label + ": " + p + " does not exist; fix: check the path (relative paths"
                            + " start at " + workingDir + ")");
                }
                if (Files.isRegularFile(p) && TarGz.isArchive(p.getFileName().toString())) {
                    return cached(u, label, known -> {
                        String fp = "file:" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
                        return fp.equals(known) ? null : (dir -> {
                            Path out = dir.resolve("content");
                            TarGz.unpack(p, out);
                            return new Fetched(fp, "content");
                        });
                    });
                }
                return p;
            }
            case "s3" -> {
                return cached(u, label, known -> fromS3(u, known));
            }
            case "http", "https" -> {
                return cached(u, label, known -> fromHttp(u, known));
            }
            default -> throw new LibException(label + ": scheme \"" + scheme + "\" is not supported; fix: use a path,"
                    + " file://, s3:// or http(s)://");
        }
    }

    /**
     * Writes a local file or directory to {@code url}: {@code s3://bucket/key} (a directory's files go below
     * {@code key/}; a key ending in "/" takes the file's name), or a path / {@code file://} (copied, replacing).
     */
    public void upload(Path local, String url) {
        if (!Files.exists(local)) {
            throw new LibException("cannot upload " + local + ": it does not exist");
        }
        String scheme = scheme(url.trim());
        try {
            switch (scheme) {
                case "s3" -> {
                    String[] bk = bucketKey(url.trim());
                    try {
                        s3().upload(local, bk[0], bk[1]);
                    } catch (RuntimeException e) {
                        throw e instanceof LibException le ? le : S3Store.describe(url, s3Settings, e);
                    }
                }
                case "", "file" -> copy(local, localPath(url.trim()), url.trim().endsWith("/"));
                default -> throw new LibException("cannot upload to \"" + url + "\": scheme \"" + scheme
                        + "\" takes no uploads; fix: upload to s3:// or a path");
            }
        } catch (IOException e) {
            throw new LibException("cannot upload " + local + " to " + url + ": " + e.getMessage()
                    + "; fix: check that the target is writable", e);
        }
    }

    // ---- sources -------------------------------------------------------------------------------------------------

    /** What a fetch left in the new entry: the source's version and the result's path inside the entry. */
    private record Fetched(String fingerprint, String result) {
    }

    /** Fills a fresh entry directory. */
    private interface Fetch {
        Fetched into(Path entry) throws IOException;
    }

    /** Given the cached version (or null), what to fetch, or null when the cached copy is current. */
    private interface Source {
        Fetch check(String known) throws IOException;
    }

    private Fetch fromS3(String url, String known) {
        String[] bk = bucketKey(url);
        S3Store store = s3();
        List<S3Store.Item> items = store.list(bk[0], bk[1]);
        if (items.isEmpty()) {
            throw new LibException("there is no object at " + url + " nor under it (" + s3Settings.endpointUrl()
                    + "); fix: check the bucket and key, e.g. with `aws s3 ls " + url + "`");
        }
        String fp = S3Store.fingerprint(items);
        if (fp.equals(known)) {
            return null;
        }
        boolean single = items.size() == 1 && items.get(0).key().equals(bk[1]);
        return entry -> {
            Path content = entry.resolve("content");
            for (S3Store.Item item : items) {
                store.download(bk[0], item, TarGz.inside(content, item.relative(), url));
            }
            return new Fetched(fp, single ? "content/" + items.get(0).relative() : "content");
        };
    }

    private Fetch fromHttp(String url, String known) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET();
        JsonNode validators = known == null || !known.startsWith("{") ? null : ResourceCodec.json().readTree(known);
        if (validators != null) {
            // ask the server to answer 304 when nothing changed
            if (!validators.path("etag").asText().isEmpty()) {
                request.header("If-None-Match", validators.path("etag").asText());
            }
            if (!validators.path("lastModified").asText().isEmpty()) {
                request.header("If-Modified-Since", validators.path("lastModified").asText());
            }
        }
        Path tmp = Files.createTempFile(cacheDir, "download-", ".part");
        HttpResponse<Path> response;
        try {
            response = http.send(request.build(), info -> info.statusCode() == 200
                    ? HttpResponse.BodySubscribers.ofFile(tmp)
                    : HttpResponse.BodySubscribers.replacing(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Files.deleteIfExists(tmp);
            throw new IOException("interrupted");
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (response.statusCode() == 304 && known != null) {
            Files.deleteIfExists(tmp);
            return null;
        }
        if (response.statusCode() != 200) {
            Files.deleteIfExists(tmp);
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
        ObjectNode fp = ResourceCodec.json().createObjectNode();
        response.headers().firstValue("ETag").ifPresent(v -> fp.put("etag", v));
        response.headers().firstValue("Last-Modified").ifPresent(v -> fp.put("lastModified", v));
        fp.put("length", Files.size(tmp));
        String name = fileName(URI.create(url).getPath());
        return entry -> {
            Path file = TarGz.inside(entry.resolve("content"), name, url);
            Files.createDirectories(file.getParent());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            return new Fetched(fp.toString(), "content/" + name);
        };
    }

    // ---- the cache -----------------------------------------------------------------------------------------------

    private Path cached(String url, String label, Source source) {
        Path entry = cacheDir.resolve(key(url.replaceAll("/+$", ""))); // "s3://b/dir/" is "s3://b/dir"
        Object jvmLock = LOCKS.computeIfAbsent(entry, k -> new Object());
        synchronized (jvmLock) {
            try {
                Files.createDirectories(cacheDir);
                try (FileChannel ch = FileChannel.open(cacheDir.resolve(entry.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock lock = ch.lock(); // other workers on this node may share the cache
                    try {
                        return refresh(url, label, entry, source);
                    } finally {
                        lock.release();
                    }
                }
            } catch (IOException e) {
                throw new LibException(label + ": cannot use the cache " + cacheDir + ": " + e.getMessage()
                        + "; fix: make it writable or set SEDNA_CACHE_DIR", e);
            }
        }
    }

    private Path refresh(String url, String label, Path entry, Source source) throws IOException {
        JsonNode record = readRecord(entry);
        Path cachedResult = record == null ? null : entry.resolve(record.path("result").asText());
        Fetch fetch;
        try {
            fetch = source.check(record == null ? null : record.path("fingerprint").asText());
        } catch (IOException | RuntimeException e) {
            if (cachedResult != null && Files.exists(cachedResult)) {
                log.warn("{}: cannot check the source ({}); using the cached copy {}", label, e.getMessage(),
                        cachedResult);
                return cachedResult;
            }
            throw e instanceof LibException le ? le : scheme(url).equals("s3") && !(e instanceof IOException)
                    ? S3Store.describe(url, s3Settings, e)
                    : new LibException(label + ": cannot fetch it: " + e.getMessage()
                    + "; fix: check the URL and that the server is reachable", e);
        }
        if (fetch == null && cachedResult != null && Files.exists(cachedResult)) {
            log.debug("{}: cached copy {} is current", label, cachedResult);
            return cachedResult;
        }
        if (fetch == null) {
            fetch = source.check(null);
        }
        Path tmp = Files.createTempDirectory(cacheDir, entry.getFileName() + ".tmp-");
        try {
            Fetched fetched;
            try {
                fetched = fetch.into(tmp);
            } catch (RuntimeException e) {
                throw e instanceof LibException le ? le : S3Store.describe(url, s3Settings, e);
            }
            fetched = unpackIfArchive(tmp, fetched, label);
            ObjectNode r = ResourceCodec.json().createObjectNode().put("url", url)
                    .put("fingerprint", fetched.fingerprint()).put("result", fetched.result());
            Files.writeString(tmp.resolve(RECORD), r.toString());
            Path old = null;
            if (Files.exists(entry)) {
                old = cacheDir.resolve(entry.getFileName() + ".old-" + System.nanoTime());
                Files.move(entry, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            if (old != null) {
                deleteTree(old);
            }
            log.info("{}: fetched into {}", label, entry.resolve(fetched.result()));
            return entry.resolve(fetched.result());
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static Fetched unpackIfArchive(Path entry, Fetched fetched, String label) throws IOException {
        Path result = entry.resolve(fetched.result());
        if (!Files.isRegularFile(result) || !TarGz.isArchive(result.getFileName().toString())) {
            return fetched;
        }
        Path out = entry.resolve("unpacked");
        TarGz.unpack(result, out);
        Files.delete(result);
        log.debug("{}: unpacked {}", label, result.getFileName());
        return new Fetched(fetched.fingerprint(), "unpacked");
    }

    private static JsonNode readRecord(Path entry) {
        Path file = entry.resolve(RECORD);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return ResourceCodec.json().readTree(file.toFile());
        } catch (IOException e) {
            return null; // a damaged record means fetch again
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private S3Store s3() {
        S3Store store = s3;
        if (store == null) {
            synchronized (this) {
                if (s3 == null) {
                    s3 = new S3Store(s3Settings);
                }
                store = s3;
            }
        }
        return store;
    }

    private Path localPath(String url) {
        String p = url.startsWith("file://") ? URLDecoder.decode(url.substring("file://".length()),
                StandardCharsets.UTF_8) : url;
        return workingDir.resolve(p).normalize();
    }

    private static String scheme(String url) {
        int i = url.indexOf("://");
        return i <= 0 ? "" : url.substring(0, i).toLowerCase(Locale.ROOT);
    }

    /** {bucket, key} of {@code s3://bucket/key}. */
    private static String[] bucketKey(String url) {
        String rest = url.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new LibException("\"" + url + "\" names no bucket; fix: write s3://bucket/key");
        }
        return new String[] {bucket, slash < 0 ? "" : rest.substring(slash + 1)};
    }

    private static String fileName(String path) {
        String p = path == null ? "" : path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        String name = p.substring(p.lastIndexOf('/') + 1);
        return name.isEmpty() || name.equals("..") || name.equals(".") ? "download" : name;
    }

    private static String key(String url) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to, boolean intoDirectory) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path t = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return;
        }
        Path target = intoDirectory || Files.isDirectory(to) ? to.resolve(from.getFileName().toString()) : to;
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Files.copy(from, target, StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot delete {}: {}", root, e.getMessage());
        }
    }

    @Override
    public void close() {
        S3Store store = s3;
        if (store != null) {
            store.close();
        }
    }
}
