package dev.pyconcurrent.benchmarks.harness;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Command-line options of the side-by-side harness.
 *
 * <pre>
 *   --smoke          every workload at tiny sizes, 1 repetition, no warm-up (proves the harness starts)
 *   --reps N         timed repetitions per side (default 5)
 *   --warmup N       untimed repetitions per side first (default 1)
 *   --only a,b       run only these workloads (ids: see --list)
 *   --no-python      skip the CPython side
 *   --docs DIR       write benchmarks.md and the chart there (default: docs/ of the project; none with --smoke)
 *   --no-docs        print the table only
 *   --no-jmh         skip the short JMH run that a full run adds to the report (never with --smoke or --only)
 *   --jmh            add the short JMH run even with --only
 *   --list           list workload ids and exit
 * </pre>
 */
public record Options(boolean smoke, int reps, int warmup, Set<String> only, boolean python, Path docs,
                      boolean list, boolean jmh) {

    public static Options parse(String[] args, Path projectRoot) {
        boolean smoke = false;
        Integer reps = null;
        Integer warmup = null;
        Set<String> only = new LinkedHashSet<>();
        boolean python = true;
        Path docs = null;
        boolean noDocs = false;
        boolean list = false;
        Boolean jmh = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--smoke" -> smoke = true;
                case "--reps" -> reps = positive(a, value(args, ++i, a), 1);
                case "--warmup" -> warmup = positive(a, value(args, ++i, a), 0);
                case "--only" -> only.addAll(Arrays.asList(value(args, ++i, a).split(",")));
                case "--no-python" -> python = false;
                case "--docs" -> docs = Path.of(value(args, ++i, a));
                case "--no-docs" -> noDocs = true;
                case "--list" -> list = true;
                case "--no-jmh" -> jmh = false;
                case "--jmh" -> jmh = true;
                default -> throw new IllegalArgumentException("unknown option '" + a + "' (see --help in "
                        + Options.class.getName() + ")");
            }
        }
        if (docs == null && !smoke && !noDocs) {
            docs = projectRoot.resolve("docs");
        }
        if (noDocs) {
            docs = null;
        }
        return new Options(smoke, reps != null ? reps : smoke ? 1 : 5, warmup != null ? warmup : smoke ? 0 : 1,
                Set.copyOf(only), python, docs, list, jmh != null ? jmh : !smoke && only.isEmpty());
    }

    public boolean selected(String id) {
        return only.isEmpty() || only.contains(id);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String text, int min) {
        try {
            int v = Integer.parseInt(text);
            if (v < min) {
                throw new IllegalArgumentException(option + " must be ≥ " + min + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + text + "'", e);
        }
    }
}
