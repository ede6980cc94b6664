package io.sedna4j.lc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The LC's version, from the Maven metadata in its jar; "dev" when run from classes. */
public final class LcVersion {
    private static final String NUMBER = load();

    private LcVersion() {
    }

    public static String number() {
        return NUMBER;
    }

    private static String load() {
        try (InputStream in = LcVersion.class.getResourceAsStream("/META-INF/maven/io.sedna4j/sedna-lc/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // informational only
        }
        return "dev";
    }
}
