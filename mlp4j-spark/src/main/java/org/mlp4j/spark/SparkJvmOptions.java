package org.mlp4j.spark;

import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Prints the JVM options Spark needs on Java 17 (its own list: {@code --add-opens} for the packages it
 * reaches into, and the Vector API module), for a launcher that starts a driver without
 * {@code spark-submit}: {@code ./mlp4j spark-train} does.
 */
public final class SparkJvmOptions {
    private SparkJvmOptions() {}

    /**
     * Prints the options on one line.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(JavaModuleOptions.defaultModuleOptions());
    }
}
