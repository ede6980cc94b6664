/**
 * End-to-end benchmark harnesses. They are programs, run by the scripts next to this module's pom
 * ({@code bench/run-*.sh}), never by Surefire; their figures go to {@code docs/benchmarks.md}.
 */
package io.sedna4j.bench;
