package io.sedna4j.api;

import io.sedna4j.api.codec.YamlReader;
import io.sedna4j.api.validation.ManifestValidator;
import io.sedna4j.api.v1alpha1.Resource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A manifest file as read and checked: the resources of its documents that passed, and every problem found.
 * Documents with errors yield no resource, so a caller that applies resources applies all or none.
 */
public record Manifest(String file, List<Entry> entries, List<Problem> problems) {

    /** A resource and where it came from. */
    public record Entry(int document, int line, Resource<?, ?> resource) {
    }

    /** Reads and checks a file. Anything wrong with the file itself is a problem too, never an exception. */
    public static Manifest read(Path path) {
        String file = path.toString();
        try {
            if (Files.isDirectory(path)) {
                return fileProblem(file, "is a directory", "give the manifest files inside it");
            }
            long size = Files.size(path);
            if (size > YamlReader.MAX_CHARS) {
                return fileProblem(file, String.format("is %,d bytes, over the %d MB (%,d bytes) limit for manifests",
                        size, YamlReader.MAX_CHARS / (1024 * 1024), YamlReader.MAX_CHARS), "split it into several files");
            }
            byte[] bytes = Files.readAllBytes(path);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    return fileProblem(file, "is a binary file (byte 0 at offset " + i + ")",
                            "give a YAML or JSON manifest");
                }
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return fileProblem(file, "is not UTF-8 text", "save it as UTF-8, or give a YAML or JSON manifest");
            }
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte order mark, as some Windows editors write
            }
            return parse(file, text);
        } catch (NoSuchFileException e) {
            return fileProblem(file, "does not exist", "check the path; it is relative to "
                    + Path.of("").toAbsolutePath());
        } catch (IOException e) {
            return fileProblem(file, "cannot be read: " + e.getMessage(), "check the file's permissions");
        }
    }

    /** Checks manifest text, e.g. a request body; {@code file} names it in problems. */
    public static Manifest parse(String file, String text) {
        if (text.isBlank()) {
            return fileProblem(file, "is empty", "give at least one document with apiVersion, kind, metadata and spec");
        }
        return ManifestValidator.validate(file, text);
    }

    private static Manifest fileProblem(String file, String message, String hint) {
        return new Manifest(file, List.of(), List.of(
                new Problem(Problem.Severity.ERROR, file, 0, 0, 0, "", message, hint)));
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public List<Resource<?, ?>> resources() {
        return entries.stream().<Resource<?, ?>>map(Entry::resource).toList();
    }

    /** The resources, or an exception whose message lists every error. */
    public List<Resource<?, ?>> resourcesOrThrow() {
        if (hasErrors()) {
            StringBuilder s = new StringBuilder(file + " has errors:");
            problems.stream().filter(Problem::isError).forEach(p -> s.append(System.lineSeparator()).append(p.format()));
            throw new ApiException(s.toString());
        }
        return resources();
    }
}
