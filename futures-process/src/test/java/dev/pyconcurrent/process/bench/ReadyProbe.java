package dev.pyconcurrent.process.bench;

import dev.pyconcurrent.process.spawn.ChildContext;
import dev.pyconcurrent.process.spawn.ChildEntryPoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Child entry point that records {@code System.nanoTime()} (CLOCK_MONOTONIC, shared by all processes on Linux). */
final class ReadyProbe implements ChildEntryPoint {
    private final String file;

    ReadyProbe(Path file) {
        this.file = file.toString();
    }

    @Override
    public int runInChild(ChildContext context) {
        long now = System.nanoTime();
        try {
            Files.write(Path.of(file), Long.toString(now).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return 3;
        }
        return 0;
    }
}
