package io.sedna4j.lc.store;

import io.sedna4j.lc.LcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Local Controller's SQLite file ({@code <nodeDir>/lc.db}): the outbox to the GM, the highest frame applied from
 * the GM, the resources the GM sent, and the workers with their pids. One connection, used under this object's lock:
 * the LC writes little, and a single writer keeps SQLite simple.
 */
public final class LcDatabase implements AutoCloseable {
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, frame TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS resources (key TEXT PRIMARY KEY, kind TEXT NOT NULL, namespace TEXT NOT NULL,"
                    + " name TEXT NOT NULL, json TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS workers (key TEXT PRIMARY KEY, spec TEXT NOT NULL, pid INTEGER,"
                    + " started INTEGER, restarts INTEGER NOT NULL DEFAULT 0, phase TEXT, exit_code INTEGER,"
                    + " message TEXT)");

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Path file;
    private final Connection connection;

    private LcDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static LcDatabase open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL"); // WAL + NORMAL survives a process crash, which is our case
                s.execute("PRAGMA busy_timeout=5000");
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
            }
            return new LcDatabase(file, c);
        } catch (SQLException | IOException e) {
            throw new LcException("cannot open the Local Controller's database " + file + ": " + e.getMessage()
                    + "; fix: check that its directory is writable, or remove a damaged file", e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized int update(String sql, Object... args) {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    public synchronized <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** Runs {@code work} (which may call {@link #update} and {@link #query}) as one transaction. */
    public synchronized <T> T inTransaction(Supplier<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.get();
                connection.commit();
                return result;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("transaction", e);
        }
    }

    public Optional<String> meta(String key) {
        return query("SELECT value FROM meta WHERE key = ?", rs -> rs.getString(1), key).stream().findFirst();
    }

    public void meta(String key, Object value) {
        update("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                key, String.valueOf(value));
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private LcException failure(String what, SQLException e) {
        return new LcException("the Local Controller's database " + file + " failed (" + what + "): "
                + e.getMessage() + "; fix: check free disk space and that no other process holds the file", e);
    }
}
