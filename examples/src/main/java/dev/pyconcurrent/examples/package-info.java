/**
 * The launcher and one runnable main per scenario of the articles this project reproduces.
 *
 * <p>{@link dev.pyconcurrent.examples.Launcher} is what {@code ./examples/run NAME ARGS...} starts;
 * {@link dev.pyconcurrent.examples.ScenarioCatalog} is the list of scenarios, each naming the article
 * section it reproduces. Scenario classes live in sub-packages by article:
 * {@code futures} (articles 000/001, concurrent.futures), {@code multiprocessing} (article 002) and
 * {@code map} (article 003, ProcessPoolExecutor.map). Each one is also a plain {@code main}, so it can be
 * run from an IDE without the launcher.
 */
package dev.pyconcurrent.examples;
