package io.sedna4j.cli;

import io.sedna4j.api.v1alpha1.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into {@code version.properties}, with the API version and the Java running it. */
public final class Version implements IVersionProvider {
    public static String number() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the version is informational; fall through to "unknown"
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"sedna4j " + number() + " (API " + Resource.API_VERSION + ", Java "
                + Runtime.version() + ")"};
    }
}
