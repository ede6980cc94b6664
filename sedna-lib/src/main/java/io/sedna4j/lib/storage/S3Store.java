package io.sedna4j.lib.storage;

import io.sedna4j.lib.LibException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 operations storage needs, on one path-style client (MinIO and S3Proxy need path style). */
final class S3Store implements AutoCloseable {
    private final S3Client client;
    private final S3Settings settings;

    /** An object to fetch: its key, where it goes below the target, and what identifies its version. */
    record Item(String key, String relative, String version) {
    }

    S3Store(S3Settings settings) {
        this.settings = settings;
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(settings.region() == null || settings.region().isBlank() ? "us-east-1"
                        : settings.region()))
                .credentialsProvider(credentials(settings))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                // S3-compatible servers (MinIO, S3Proxy, older Ceph) reject the SDK's default trailing checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create());
        if (!settings.endpointUrl().isEmpty()) {
            b.endpointOverride(URI.create(settings.endpointUrl()));
        }
        this.client = b.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings s) {
        boolean none = (s.accessKeyId() == null || s.accessKeyId().isEmpty())
                && (s.secretAccessKey() == null || s.secretAccessKey().isEmpty());
        return none ? AnonymousCredentialsProvider.create()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey()));
    }

    /**
     * The objects {@code s3://bucket/key} names: the object itself when it exists, else every object under
     * {@code key/}. Empty when there are none.
     */
    List<Item> list(String bucket, String key) {
        if (!key.isEmpty() && !key.endsWith("/")) {
            try {
                HeadObjectResponse head = client.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
                String name = key.substring(key.lastIndexOf('/') + 1);
                return List.of(new Item(key, name, head.eTag() + ":" + head.contentLength()));
            } catch (NoSuchKeyException e) {
                // a prefix, not an object
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
            }
        }
        String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
        List<Item> items = new ArrayList<>();
        for (S3Object o : client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                .build()).contents()) {
            if (!o.key().endsWith("/")) { // folder markers hold nothing
                items.add(new Item(o.key(), o.key().substring(prefix.length()), o.eTag() + ":" + o.size()));
            }
        }
        items.sort(Comparator.comparing(Item::key));
        return items;
    }

    /** A digest of the objects' keys and versions: changes when any object does. */
    static String fingerprint(List<Item> items) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Item i : items) {
                md.update((i.key() + "\n" + i.version() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return "s3:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void download(String bucket, Item item, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        client.getObject(GetObjectRequest.builder().bucket(bucket).key(item.key()).build(), file);
    }

    /** Uploads a file to {@code key}, or a directory's files below {@code key/}. */
    void upload(Path local, String bucket, String key) throws IOException {
        if (Files.isDirectory(local)) {
            String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
            try (Stream<Path> files = Files.walk(local)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String rel = local.relativize(f).toString().replace('\\', '/');
                    put(f, bucket, prefix + rel);
                }
            }
        } else {
            put(local, bucket, key.isEmpty() || key.endsWith("/") ? key + local.getFileName() : key);
        }
    }

    private void put(Path file, String bucket, String key) {
        client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromFile(file));
    }

    S3Settings settings() {
        return settings;
    }

    @Override
    public void close() {
        client.close();
    }

    static LibException describe(String url, S3Settings settings, Exception e) {
        String why = e instanceof S3Exception s3 ? "S3 answered " + s3.statusCode() + " "
                + (s3.awsErrorDetails() == null ? s3.getMessage() : s3.awsErrorDetails().errorCode()) : e.getMessage();
        return new LibException("cannot reach " + url + " at " + (settings.endpointUrl().isEmpty() ? "AWS S3"
                : settings.endpointUrl()) + ": " + why + "; fix: check S3_ENDPOINT_URL, ACCESS_KEY_ID,"
                + " SECRET_ACCESS_KEY and that the bucket exists", e);
    }
}
