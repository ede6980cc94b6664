/**
 * Models, datasets and outputs as URLs (path, {@code file://}, {@code s3://}, {@code http(s)://}) resolved to local
 * paths through a cache, with safe {@code .tar.gz} unpacking: {@link io.sedna4j.lib.storage.Storage}.
 */
package io.sedna4j.lib.storage;
