package dev.pyconcurrent.examples.multiprocessing;

import picocli.CommandLine.Option;

/**
 * The {@code --scale} option shared by the IPC scenarios: every sleep of the article is multiplied by it, so
 * {@code --scale 0.1} runs the article's timeline ten times faster (the smoke tests use that).
 *
 * <p>Children do not see the parent's picocli objects, so a scenario passes {@link #factor()} to its children
 * as an ordinary argument and they sleep with {@link #sleep(double, double)}.
 */
public final class TimeScale {

    @Option(names = "--scale", defaultValue = "1.0",
            description = "multiply every sleep of the article by this factor (default: ${DEFAULT-VALUE})")
    double factor = 1.0;

    /** The factor, to hand to child processes. */
    public double factor() {
        return factor;
    }

    /** The article's {@code seconds}, scaled. */
    public double seconds(double articleSeconds) {
        return articleSeconds * factor;
    }

    /** Sleeps the article's {@code time.sleep(articleSeconds)}, scaled: simulated work, not synchronisation. */
    public void sleep(double articleSeconds) throws InterruptedException {
        sleep(articleSeconds, factor);
    }

    /** {@link #sleep(double)} for a child process, which received the factor as an argument. */
    public static void sleep(double articleSeconds, double factor) throws InterruptedException {
        Thread.sleep(Math.round(articleSeconds * factor * 1000));
    }
}
