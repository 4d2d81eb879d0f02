/**
 * The template model, copied to start a new one: a fixed pool of C virtual threads running plain blocking code.
 *
 * <p>When copying, rename this package ({@code dev.flagbench.template}) and say here what your model is.
 */
package dev.flagbench.template;
