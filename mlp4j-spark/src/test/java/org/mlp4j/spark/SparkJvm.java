package org.mlp4j.spark;

/** Spark's own JVM options for Java 17, for the JVMs the tests start. */
final class SparkJvm {
    static final String OPTIONS = org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions();

    private SparkJvm() {}
}
