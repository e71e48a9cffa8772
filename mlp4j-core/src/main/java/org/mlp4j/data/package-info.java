/**
 * Data: the {@link org.mlp4j.data.Dataset} contract, MNIST-style IDX images ({@link org.mlp4j.data.Mnist},
 * {@link org.mlp4j.data.IdxFile}), CSV tables ({@link org.mlp4j.data.TabularDataset}) and their
 * {@link org.mlp4j.data.Standardizer}, in-memory arrays ({@link org.mlp4j.data.ArrayDataset}), minibatches
 * and image {@link org.mlp4j.data.Augmentation}.
 */
package org.mlp4j.data;
