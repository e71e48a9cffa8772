package org.mlp4j.kernels;

/** Chooses the kernels once per JVM; {@link VectorKernels} is loaded by name so its absence is harmless. */
final class KernelChoice {
    static final Kernels BEST = choose();

    private KernelChoice() {}

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Kernels choose() {
        if ("scalar".equalsIgnoreCase(System.getProperty("mlp4j.kernels"))) {
            return ScalarKernels.INSTANCE;
        }
        if (!vectorModulePresent()) {
            // one line, once per JVM: without it a user sees only a slow run and never learns why
            System.getLogger("org.mlp4j")
                    .log(
                            System.Logger.Level.INFO,
                            "mlp4j: the jdk.incubator.vector module is"
                                    + " not in this JVM, so the plain-loop kernels run (5 to 50 times slower); start java with"
                                    + " --add-modules jdk.incubator.vector for the Vector API kernels");
            return ScalarKernels.INSTANCE;
        }
        try {
            return (Kernels) Class.forName("org.mlp4j.kernels.VectorKernels")
                    .getField("INSTANCE")
                    .get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return ScalarKernels.INSTANCE;
        }
    }
}
