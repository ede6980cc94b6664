package io.sedna4j.lc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.link.Frame;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A GM for tests: a minimal RFC 6455 WebSocket server (the JDK has none) on 127.0.0.1 that records handshakes and
 * frames, acknowledges what it receives (unless told not to), answers pings and sends frames down.
 */
final class FakeGm implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    record Handshake(String path, String node, String authorization) {
    }

    record Received(int connection, Frame frame) {
    }

    private final ServerSocket server;
    private final String token;
    private final List<Conn> conns = new CopyOnWriteArrayList<>();
    final List<Handshake> handshakes = new CopyOnWriteArrayList<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger refused = new AtomicInteger();
    final List<Long> refusedAt = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong(1_000);
    volatile boolean autoAck = true;
    private volatile boolean closed;

    private FakeGm(ServerSocket server, String token) {
        this.server = server;
        this.token = token;
        Thread t = new Thread(this::accept, "fake-gm-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** Port 0 picks a free one; a token requires {@code Authorization: Bearer <token>}. */
    static FakeGm start(int port, String token) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new FakeGm(s, token);
    }

    int port() {
        return server.getLocalPort();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    // ---- what the LC sent ----

    List<Frame> frames(String operation) {
        List<Frame> out = new ArrayList<>();
        for (Received r : received) {
            if (r.frame().header() != null && operation.equals(r.frame().header().operation())) {
                out.add(r.frame());
            }
        }
        return out;
    }

    /** The first frame (from now on or already received) that matches, waiting up to {@code timeout}. */
    Frame await(Predicate<Frame> match, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Received r : received) {
                if (match.test(r.frame())) {
                    return r.frame();
                }
            }
            sleep(20);
        }
        throw new AssertionError("no matching frame from the LC within " + timeout + "; received: " + received);
    }

    Handshake awaitConnection(int count, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (handshakes.size() < count) {
            assertThat(System.nanoTime()).as("LC connections within " + timeout).isLessThan(end);
            sleep(20);
        }
        return handshakes.get(count - 1);
    }

    // ---- what the GM sends ----

    /** Sends {@code frame} with the next downstream seq to the newest connection; returns the seq. */
    long send(Frame.Header header, Object payload) {
        long s = seq.incrementAndGet();
        sendRaw(Frame.of(header, payload).withSeq(s));
        return s;
    }

    void sendRaw(Frame frame) {
        Conn c = newest();
        c.text(io.sedna4j.lc.Json.compact(frame));
    }

    /** Closes every connection abruptly (no close frame), as a crashed GM or a broken network would. */
    void dropConnections() {
        for (Conn c : conns) {
            c.kill();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropConnections();
    }

    /** The newest live connection; waits for the LC to reconnect (a loaded machine can miss a heartbeat). */
    private Conn newest() {
        long deadline = System.nanoTime() + TestLc.WAIT.toNanos();
        do {
            for (int i = conns.size() - 1; i >= 0; i--) {
                if (conns.get(i).alive) {
                    return conns.get(i);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the LC is not connected");
    }

    // ---- the server ----

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "fake-gm-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String requestLine = line(in);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                headers.put(l.substring(0, colon).trim(), l.substring(colon + 1).trim());
            }
            String path = requestLine.split(" ")[1];
            if (token != null && !("Bearer " + token).equals(headers.get("Authorization"))) {
                refusedAt.add(System.nanoTime());
                refused.incrementAndGet();
                out.write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return;
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((headers.get("Sec-WebSocket-Key") + GUID).getBytes(StandardCharsets.ISO_8859_1)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Conn c = new Conn(socket, out, conns.size() + 1);
            conns.add(c);
            handshakes.add(new Handshake(path, headers.get("Node-Name"), headers.get("Authorization")));
            c.read(new DataInputStream(in));
        } catch (IOException | NoSuchAlgorithmException e) {
            // connection over
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("eof");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One LC connection. */
    private final class Conn {
        final Socket socket;
        final OutputStream out;
        final int id;
        volatile boolean alive = true;

        Conn(Socket socket, OutputStream out, int id) {
            this.socket = socket;
            this.out = out;
            this.id = id;
        }

        void read(DataInputStream in) throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            try {
                while (true) {
                    int b0 = in.readUnsignedByte();
                    int b1 = in.readUnsignedByte();
                    int opcode = b0 & 0x0f;
                    long len = b1 & 0x7f;
                    if (len == 126) {
                        len = in.readUnsignedShort();
                    } else if (len == 127) {
                        len = in.readLong();
                    }
                    byte[] mask = new byte[4];
                    if ((b1 & 0x80) != 0) {
                        in.readFully(mask);
                    }
                    byte[] payload = new byte[(int) len];
                    in.readFully(payload);
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                    switch (opcode) {
                        case 0, 1 -> {
                            message.write(payload);
                            if ((b0 & 0x80) != 0) {
                                onText(message.toString(StandardCharsets.UTF_8));
                                message.reset();
                            }
                        }
                        case 8 -> {
                            write(0x8, payload);
                            return;
                        }
                        case 9 -> write(0xA, payload);
                        default -> {
                        }
                    }
                }
            } finally {
                alive = false;
            }
        }

        private void onText(String text) {
            Frame f = Frame.fromJson(text);
            received.add(new Received(id, f));
            if (autoAck && f.seq() != null) {
                text(io.sedna4j.lc.Json.compact(Frame.ack(f.seq())));
            }
        }

        void text(String s) {
            try {
                write(0x1, s.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError("cannot send to the LC: " + e.getMessage(), e);
            }
        }

        synchronized void write(int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(0x80 | opcode);
            if (payload.length < 126) {
                f.write(payload.length);
            } else if (payload.length < 65536) {
                f.write(126);
                f.write(payload.length >>> 8);
                f.write(payload.length & 0xff);
            } else {
                f.write(127);
                for (int i = 7; i >= 0; i--) {
                    f.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
                }
            }
            f.write(payload);
            out.write(f.toByteArray());
            out.flush();
        }

        void kill() {
            alive = false;
            try {
                socket.close();
            } catch (IOException e) {
                // gone anyway
            }
        }
    }

    @Override
    public String toString() {
        return "FakeGm[" + port() + ", " + String.format(Locale.ROOT, "%d frames", received.size()) + "]";
    }
}
