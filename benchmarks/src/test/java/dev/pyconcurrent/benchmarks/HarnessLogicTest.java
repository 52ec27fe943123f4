package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.benchmarks.harness.Fmt;
import dev.pyconcurrent.benchmarks.harness.Options;
import dev.pyconcurrent.benchmarks.harness.Results;
import dev.pyconcurrent.benchmarks.harness.Row;
import dev.pyconcurrent.benchmarks.harness.Side;
import dev.pyconcurrent.benchmarks.harness.Stats;
import dev.pyconcurrent.benchmarks.harness.Target;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness's arithmetic and verdicts, which the report's pass/miss marks rest on. */
class HarnessLogicTest {

    @Test
    void medianOfEvenCountAveragesTheMiddlePair() {
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }

    @Test
    void percentileUsesNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (i + 1) * 1_000L; // 1..100 µs
        }
        assertEquals(50.0, Stats.percentileMicros(nanos, 0.50));
        assertEquals(99.0, Stats.percentileMicros(nanos, 0.99));
    }

    @Test
    void speedupOfATimeIsTheInverseRatio() {
        Row row = new Results().row("k", "w", "m", "µs", false);
        row.add(Side.OURS, 100);
        row.add(Side.CPYTHON, 400);
        assertEquals(4.0, row.speedup(Side.OURS, Side.CPYTHON));
    }

    @Test
    void targetPassesOnlyWhenEveryPartHolds() {
        Row row = new Results().row("k", "w", "m", "tasks/s", true)
                .target(Target.betterThanCpython(20).and(Target.atLeastOf(Side.JUC, 0.5)));
        row.add(Side.OURS, 1_000_000);
        row.add(Side.CPYTHON, 40_000);
        row.add(Side.JUC, 3_000_000);
        assertEquals("miss", row.target().verdict(row)); // 25x CPython, but only 0.33x j.u.c.
        row.add(Side.OURS, 2_000_000);
        row.add(Side.OURS, 2_000_000);
        assertEquals("pass", row.target().verdict(row)); // median 2,000,000 = 0.67x j.u.c.
    }

    @Test
    void targetWithAMissingSideIsNotApplicable() {
        Row row = new Results().row("k", "w", "m", "ms", false).target(Target.timeWithin(Side.CPYTHON, 1));
        row.add(Side.OURS, 10);
        assertEquals("n/a", row.target().verdict(row));
    }

    @Test
    void cellShowsMedianAndRange() {
        assertEquals("2,000 (1,000–3,000)", Fmt.cell(List.of(3000.0, 1000.0, 2000.0)));
    }

    @Test
    void smokeDefaultsToOneRepetitionAndNoDocs() {
        Options o = Options.parse(new String[] {"--smoke"}, Path.of("/tmp/x"));
        assertEquals(1, o.reps());
        assertEquals(0, o.warmup());
        assertEquals(null, o.docs());
        assertTrue(Options.parse(new String[0], Path.of("/tmp/x")).docs().endsWith("docs"));
    }

    @Test
    void unknownOptionIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"--fast"}, Path.of("/tmp/x")));
        assertTrue(e.getMessage().contains("--fast"), e.getMessage());
    }
}
