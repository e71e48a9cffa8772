/**
 * Data: the {@link org.mlp4j.data.Dataset} contract, MNIST-style IDX images and pictures of digits
 * ({@link org.mlp4j.data.Mnist}; the IDX reader and the digit preprocessing behind it are package-private),
 * CSV tables ({@link org.mlp4j.data.TabularDataset}) and their {@link org.mlp4j.data.Standardizer} and
 * {@link org.mlp4j.data.CsvFormat} (which also reads a CSV file record by record, as training does) and
 * in-memory arrays ({@link org.mlp4j.data.ArrayDataset}).
 */
package org.mlp4j.data;
