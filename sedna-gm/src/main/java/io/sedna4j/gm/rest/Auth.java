package io.sedna4j.gm.rest;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer-token check of REST requests, installed only when the GM listens beyond loopback. {@code /healthz} stays
 * open for probes; {@code /ws} authenticates LCs itself, before the upgrade.
 */
final class Auth {
    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);

    private final byte[] token;

    Auth(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    void install(RoutesConfig routes) {
        routes.before(this::check);
    }

    private void check(Context ctx) {
        String path = ctx.path();
        if (path.equals("/healthz") || path.equals("/ws")) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header != null && header.startsWith("Bearer ")
                && MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8), token)) {
            return;
        }
        LOG.warn("refused {} {} from {}: {} token", ctx.method(), path, ctx.req().getRemoteAddr(),
                header == null ? "no" : "wrong");
        throw new ApiError(401, "Unauthorized", (header == null ? "no token given" : "wrong token")
                + " for " + ctx.method() + " " + path + "; fix: this GM listens beyond loopback, so send "
                + "'Authorization: Bearer <token>' with the token in <data-dir>/token (sedna --token-file, "
                + "kubectl --token)");
    }
}
