/**
 * The GM ⇄ LC link from the nodes' side, cheap enough for thousands of nodes in one JVM: simulated Local
 * Controllers on one shared JDK HttpClient, and a bare WebSocket endpoint as the transport-only baseline.
 */
package io.sedna4j.bench.link;
