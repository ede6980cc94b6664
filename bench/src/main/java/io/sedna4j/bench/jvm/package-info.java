/** What the harnesses read from the JVM and the machine: heap after GC, heap peaks, CPU load, class histograms. */
package io.sedna4j.bench.jvm;
