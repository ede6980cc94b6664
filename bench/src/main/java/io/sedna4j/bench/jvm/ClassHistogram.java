package io.sedna4j.bench.jvm;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Live objects by class, as {@code jcmd <pid> GC.class_histogram} prints them (it collects garbage first), read
 * through the DiagnosticCommand MBean; the difference of two tells what each connected node costs, class by class.
 */
public final class ClassHistogram {
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Instances and bytes of one class. */
    public record Entry(String className, long instances, long bytes) {
    }

    private final Map<String, Entry> entries;

    private ClassHistogram(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Takes one; empty if this JVM has no DiagnosticCommand MBean. */
    public static ClassHistogram take() {
        Map<String, Entry> entries = new HashMap<>();
        try {
            String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            for (String line : text.split("\n")) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    entries.put(m.group(3), new Entry(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
                }
            }
        } catch (Exception | LinkageError e) {
            // not a HotSpot JVM: no histogram, the harness reports none
        }
        return new ClassHistogram(entries);
    }

    /** The classes that grew most from {@code before} to this one, by bytes. */
    public List<Entry> growthSince(ClassHistogram before, int top) {
        List<Entry> growth = new ArrayList<>();
        for (Entry e : entries.values()) {
            Entry b = before.entries.get(e.className());
            long bytes = e.bytes() - (b == null ? 0 : b.bytes());
            long instances = e.instances() - (b == null ? 0 : b.instances());
            if (bytes > 0) {
                growth.add(new Entry(e.className(), instances, bytes));
            }
        }
        growth.sort((x, y) -> Long.compare(y.bytes(), x.bytes()));
        return growth.subList(0, Math.min(top, growth.size()));
    }
}
