/**
 * Internals: JSON, CSV lines, the batched training engine and other helpers. Not exported by the module;
 * anything here may change in any release.
 */
package org.mlp4j.internal;
