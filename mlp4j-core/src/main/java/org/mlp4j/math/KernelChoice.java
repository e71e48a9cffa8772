package org.mlp4j.math;

/** Chooses the kernels once per JVM; {@link VectorKernels} is loaded by name so its absence is harmless. */
final class KernelChoice {
    static final Kernels BEST = choose();

    private KernelChoice() {
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Kernels choose() {
        if ("scalar".equalsIgnoreCase(System.getProperty("mlp4j.kernels")) || !vectorModulePresent()) {
            return ScalarKernels.INSTANCE;
        }
        try {
            return (Kernels) Class.forName("org.mlp4j.math.VectorKernels").getField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return ScalarKernels.INSTANCE;
        }
    }
}
