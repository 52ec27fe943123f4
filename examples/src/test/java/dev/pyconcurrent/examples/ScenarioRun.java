package dev.pyconcurrent.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario through the launcher in a fresh JVM, exactly as {@code ./examples/run} does, and
 * captures what it prints. A separate JVM (not an in-process call) because process scenarios' children
 * write straight to the inherited stdout, which {@code System.setOut} would never see.
 *
 * @param exitCode the launcher's exit status
 * @param stdout   everything written to standard output, by the scenario and by its children
 * @param stderr   everything written to standard error
 */
record ScenarioRun(int exitCode, String stdout, String stderr) {

    static ScenarioRun of(String... launcherArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Launcher.class.getName());
        command.addAll(List.of(launcherArgs));
        Process process = new ProcessBuilder(command).start();
        // Read both streams fully; a bounded wait keeps a stuck scenario from stalling the suite.
        var out = process.getInputStream();
        var err = process.getErrorStream();
        var errText = new java.util.concurrent.CompletableFuture<String>();
        Thread errReader = new Thread(() -> {
            try {
                errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                errText.completeExceptionally(e);
            }
        });
        errReader.start();
        String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("scenario did not finish within 60 s: " + List.of(launcherArgs));
        }
        errReader.join(10_000);
        return new ScenarioRun(process.exitValue(), outText, errText.getNow("<stderr not read>"));
    }

    List<String> lines() {
        return stdout.lines().toList();
    }

    @Override
    public String toString() {
        return "exit=" + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
}
