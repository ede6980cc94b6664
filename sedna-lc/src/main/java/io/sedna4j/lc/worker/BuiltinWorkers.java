package io.sedna4j.lc.worker;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in workers on the class path: every {@code META-INF/sedna4j/workers.properties} maps a worker name (the
 * {@code <name>} of {@code image: sedna4j/<name>}) to its main class. Jars register their own, so adding workers
 * needs no change here.
 */
public final class BuiltinWorkers {
    public static final String RESOURCE = "META-INF/sedna4j/workers.properties";
    public static final String IMAGE_PREFIX = "sedna4j/";
    private static final Logger log = LoggerFactory.getLogger(BuiltinWorkers.class);

    private final Map<String, String> mainClasses;

    private BuiltinWorkers(Map<String, String> mainClasses) {
        this.mainClasses = mainClasses;
    }

    public static BuiltinWorkers load(ClassLoader loader) {
        Map<String, String> found = new TreeMap<>();
        try {
            Enumeration<URL> files = loader.getResources(RESOURCE);
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                Properties p = new Properties();
                try (InputStream in = file.openStream()) {
                    p.load(in);
                }
                for (String name : p.stringPropertyNames()) {
                    String main = p.getProperty(name).trim();
                    String before = found.putIfAbsent(name, main);
                    if (before != null && !before.equals(main)) {
                        log.warn("built-in worker \"{}\" is registered twice ({} and {} in {}); using {}", name,
                                before, main, file, before);
                    }
                }
            }
        } catch (IOException e) {
            log.warn("cannot read the built-in worker registry {}: {}", RESOURCE, e.getMessage());
        }
        return new BuiltinWorkers(Map.copyOf(found));
    }

    /** The worker name of {@code sedna4j/<name>[:tag]}, or empty when the image is not a built-in one. */
    public static Optional<String> nameOf(String image) {
        if (image == null || !image.startsWith(IMAGE_PREFIX)) {
            return Optional.empty();
        }
        String name = image.substring(IMAGE_PREFIX.length());
        int tag = name.indexOf(':');
        return Optional.of(tag < 0 ? name : name.substring(0, tag));
    }

    public Optional<String> mainClass(String name) {
        return Optional.ofNullable(mainClasses.get(name));
    }

    public Set<String> names() {
        return new TreeMap<>(mainClasses).keySet();
    }
}
