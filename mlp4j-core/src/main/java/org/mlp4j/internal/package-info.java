/**
 * The ground floor: small readers and helpers every other package may use (CSV records and lines, choice
 * names, I/O error messages, and {@link org.mlp4j.internal.ExactMath}: exp and tanh with the same bits on
 * every JDK). It imports nothing of mlp4j but {@link org.mlp4j.InvalidInputException}.
 * Not exported by the module; anything here may change in any release.
 */
package org.mlp4j.internal;
