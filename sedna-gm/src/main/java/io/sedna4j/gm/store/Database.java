package io.sedna4j.gm.store;

import io.sedna4j.gm.GmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The GM's SQLite file ({@code <data-dir>/gm/gm.db}), shared by the store, the link outbox, the node registry and
 * the worker platform. One connection, one lock: the GM's write rate is small, and a single writer is what SQLite
 * wants anyway. WAL mode lets a reader (e.g. the sqlite3 shell) look while the GM writes.
 */
public final class Database implements AutoCloseable {
    /** Work inside a transaction or a read; SQL errors become {@link GmException}s naming the file. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static Database open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new GmException("cannot create the directory of " + file + ": " + e.getMessage()
                    + "; fix: give a writable --data-dir");
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // NORMAL in WAL mode survives a crash of the GM process; only a power loss may lose the last commits
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            return new Database(file, c);
        } catch (SQLException e) {
            throw new GmException("cannot open the GM database " + file + ": " + e.getMessage()
                    + "; fix: check that it is a SQLite file and that no other GM uses this --data-dir", e);
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} atomically: all its writes are committed together, or none. */
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new GmException("database " + file + " failed: " + e.getMessage()
                    + "; fix: check free disk space and that the file is not read-only", e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs statements that need no transaction (schema, single reads). */
    public <T> T read(Work<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new GmException("database " + file + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    public void execute(String... statements) {
        read(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new GmException("cannot close the database " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
