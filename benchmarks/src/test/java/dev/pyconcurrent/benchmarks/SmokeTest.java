package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.benchmarks.harness.Options;
import dev.pyconcurrent.benchmarks.harness.PythonDriver;
import dev.pyconcurrent.benchmarks.harness.Results;
import dev.pyconcurrent.benchmarks.harness.Row;
import dev.pyconcurrent.benchmarks.harness.Side;
import dev.pyconcurrent.benchmarks.workloads.Workloads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness still starts and every workload still runs: {@code --smoke} (tiny sizes, one repetition, the CPython
 * side too when {@code python3} exists), writing the report into a temporary directory. One run shared by all
 * assertions, so the whole class stays well under a minute. No speed is asserted (guide: speed is measured in
 * benchmarks, never asserted in a timed test).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SmokeTest {
    @TempDir
    static Path docs;
    static Results results;
    static boolean python;

    @BeforeAll
    static void runSmoke() throws Exception {
        Path root = BenchmarkMain.projectRoot();
        python = PythonDriver.realExecutable() != null;
        results = BenchmarkMain.run(Options.parse(new String[] {"--smoke", "--docs", docs.toString()}, root), root);
    }

    @Test
    void everyWorkloadProducesRows() {
        List<String> keys = results.rows().stream().map(Row::key).collect(Collectors.toList());
        for (String expected : List.of("thread-pool", "pool-submit", "pool-map-1", "pool-map-256", "roundtrip-p50",
                "queue-64", "queue-1m", "pipe-64", "pipe-1m", "pingpong-p50", "pool-startup", "pi-2")) {
            assertTrue(keys.contains(expected), "missing row " + expected + " in " + keys);
        }
        assertEquals(8, Workloads.all().size());
    }

    @Test
    void everyRowHasJavaSamples() {
        for (Row row : results.rows()) {
            assertTrue(row.has(Side.OURS) || row.has(Side.RAW_SOCKET) || row.has(Side.BARE_JVM),
                    "no Java sample in " + row.key());
        }
    }

    @Test
    void cpythonSideRanWhenPythonIsInstalled() {
        long withCpython = results.rows().stream().filter(r -> r.has(Side.CPYTHON)).count();
        if (python) {
            assertTrue(withCpython >= 10, "only " + withCpython + " rows have CPython samples");
        } else {
            assertEquals(0, withCpython);
        }
    }

    @Test
    void reportAndChartAreWritten() throws Exception {
        String md = Files.readString(docs.resolve("benchmarks.md"));
        assertTrue(md.contains("| workload | metric |"), md);
        assertTrue(md.contains("## Machine"));
        if (python) {
            assertTrue(Files.size(docs.resolve("benchmarks-ratios.png")) > 1000);
        }
        assertFalse(md.contains("NaN"));
    }
}
