/**
 * Files: model files and checkpoints in the safetensors format, and their ONNX export
 * ({@link org.mlp4j.io.ModelFile}), {@link org.mlp4j.io.AtomicFile}, through which every file is written
 * whole or not at all, and {@link org.mlp4j.io.Json}, the small strict JSON reader all of them and the server
 * use. The safetensors reader and writer itself is package-private: a file is read and written as a model.
 */
package org.mlp4j.io;
