/**
 * The GM ⇄ LC link protocol: frames in Sedna's shape ({@code header} + base64 JSON {@code content}) plus {@code seq}
 * and {@code ack} for at-least-once delivery with idempotent apply, and the payloads Sedna4J adds for running
 * workers standalone. Both the Global Manager and the Local Controller speak it; see docs/protocol.md.
 */
package io.sedna4j.api.link;
