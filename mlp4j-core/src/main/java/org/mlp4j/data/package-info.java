/**
 * Data: the {@link org.mlp4j.data.Dataset} contract, MNIST-style IDX images and pictures of digits
 * ({@link org.mlp4j.data.Mnist}; the IDX reader and the digit preprocessing behind it are package-private),
 * rows with classes ({@link org.mlp4j.data.TabularDataset}, from a CSV file or from arrays) or numeric targets
 * ({@link org.mlp4j.data.RegressionDataset}), a CSV file prepared as training prepares it
 * ({@link org.mlp4j.data.TabularData}), their {@link org.mlp4j.data.Standardizer} and
 * {@link org.mlp4j.data.CsvFormat} (which also reads a CSV file record by record, as training does).
 */
package org.mlp4j.data;
