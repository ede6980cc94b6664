package io.sedna4j.cli;

import io.sedna4j.api.ApiException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The shared secret of the GM ⇄ LC links, kept in {@code <data-dir>/token}, readable by its owner only. */
final class Token {
    private Token() {
    }

    /** The token in {@code dataDir}, created (mode 0600) if there is none. */
    static String ensure(Path dataDir) {
        Path file = dataDir.resolve("token");
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, HexFormat.of().formatHex(secret) + "\n");
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            return read(file);
        } catch (IOException e) {
            throw new ApiException("cannot create the link token in " + dataDir + ": " + e.getMessage()
                    + "; check that the data directory is writable, or choose another with --data-dir");
        }
    }

    static String read(Path file) {
        try {
            String token = Files.readString(file).strip();
            if (token.isEmpty()) {
                throw new ApiException("the token file " + file + " is empty; delete it and run 'sedna up' to "
                        + "make a new one");
            }
            return token;
        } catch (IOException e) {
            throw new ApiException("cannot read the token file " + file + ": " + e.getMessage()
                    + "; give the file 'sedna up' wrote, <data-dir>/token");
        }
    }
}
