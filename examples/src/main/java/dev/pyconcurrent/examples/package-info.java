/**
 * One runnable main per article scenario, plus the launcher. (Being built: see issue 7.)
 */
package dev.pyconcurrent.examples;
