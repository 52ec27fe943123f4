package dev.pyconcurrent.benchmarks.harness;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Command-line options of the side-by-side harness; see {@link #USAGE} (printed by {@code --help}). */
public record Options(boolean smoke, int reps, int warmup, Set<String> only, boolean python, Path docs,
                      boolean list, boolean jmh) {

    /** The text {@code --help} prints. */
    public static final String USAGE = String.join("\n",
            "usage: ./benchmarks/run [options]          side-by-side run against CPython (writes docs/benchmarks.md)",
            "       ./benchmarks/run jmh [JMH options]  JMH microbenchmarks only",
            "  --smoke          every workload at tiny sizes, 1 repetition, no warm-up, no docs",
            "  --reps N         timed repetitions per side (default 5)",
            "  --warmup N       untimed repetitions per side first (default 1)",
            "  --only a,b       only these workloads (see --list)",
            "  --no-python      skip the CPython side",
            "  --docs DIR       write benchmarks.md and the chart to DIR (default: docs/)",
            "  --no-docs        print the table only",
            "  --jmh / --no-jmh add / skip the short JMH run (default: only in a full run)",
            "  --list           list workload ids",
            "  --help           this text");

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
                case "--help", "-h" -> throw new HelpRequested();
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
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

    /** Thrown by {@link #parse} for {@code --help}: the caller prints {@link #USAGE} and exits 0. */
    public static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super("help requested", null, false, false);
        }
    }
}
