package io.sedna4j.lib.federated;

import io.sedna4j.lib.LibException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One client's side of pairwise additive masking (Bonawitz et al. 2017, without the self-masks and secret sharing):
 * every pair of clients agrees on a secret by X25519 (the JDK's), derives a fresh seed per round from it with
 * SHA-256, and expands the seed into a mask with AES-256 in counter mode. Of each pair, the client whose id sorts
 * first adds the mask and the other subtracts it, so the masks cancel in the sum of the two. A pair seed is
 * revealed to the server only when the other client dropped out after masking, and only for that round.
 */
public final class PairwiseMasks {
    private static final int CHUNK = 4096;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private final String client;
    private final KeyPair keys;

    public PairwiseMasks(String client) {
        this.client = client;
        try {
            this.keys = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new LibException("this JVM has no X25519 key agreement (Java 11+ has): " + e.getMessage(), e);
        }
    }

    /** The public key to send with {@code subscribe}: X.509 encoded, base64. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The seed this client shares with {@code peer} for {@code round}. */
    public byte[] seed(String peer, String peerPublicKey, int round) {
        byte[] shared;
        try {
            PublicKey pub = KeyFactory.getInstance("X25519").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(peerPublicKey)));
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(keys.getPrivate());
            agreement.doPhase(pub, true);
            shared = agreement.generateSecret();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new LibException("client " + client + ": the public key of client " + peer + " is not an X25519 key ("
                    + e.getMessage() + "); fix: every client of a secure round must run a Sedna4J client", e);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(shared);
            String first = client.compareTo(peer) < 0 ? client : peer;
            String second = first.equals(client) ? peer : client;
            sha.update(("sedna4j secure aggregation|" + round + "|" + first + "|" + second)
                    .getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new LibException("this JVM has no SHA-256: " + e.getMessage(), e);
        }
    }

    /** Adds the masks shared with every other member of the round's cohort ({@code id → public key}). */
    public void mask(Map<String, long[]> encoded, Map<String, String> cohort, int round) {
        for (Map.Entry<String, String> peer : cohort.entrySet()) {
            if (!peer.getKey().equals(client)) {
                apply(encoded, seed(peer.getKey(), peer.getValue(), round), sign(client, peer.getKey()));
            }
        }
    }

    /** +1 if {@code owner} adds the mask it shares with {@code peer}, −1 if it subtracts it. */
    public static int sign(String owner, String peer) {
        return owner.compareTo(peer) < 0 ? 1 : -1;
    }

    /** {@code x += sign · mask(seed)} over the tensors in their order, one mask stream for all of them. */
    public static void apply(Map<String, long[]> x, byte[] seed, int sign) {
        Cipher aes;
        try {
            aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, 0, 32, "AES"), new IvParameterSpec(new byte[16]));
        } catch (GeneralSecurityException e) {
            throw new LibException("this JVM has no AES-256 in counter mode: " + e.getMessage(), e);
        }
        byte[] zeros = new byte[8 * CHUNK];
        byte[] stream = new byte[8 * CHUNK];
        try {
            for (long[] values : x.values()) {
                for (int from = 0; from < values.length; from += CHUNK) {
                    int n = Math.min(CHUNK, values.length - from);
                    aes.update(zeros, 0, n * 8, stream, 0);
                    for (int i = 0; i < n; i++) {
                        values[from + i] += sign * (long) LONGS.get(stream, i * 8);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new LibException("AES counter mode failed: " + e.getMessage(), e);
        }
    }
}
