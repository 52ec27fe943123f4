package dev.pyconcurrent.process.spawn;

import java.util.List;

/** Placeholder: filled in below. */
final class CdsArchive {
    static final class Plan {
        static final Plan NONE = new Plan(List.of(), () -> { });
        private final List<String> jvmOptions;
        private final Runnable afterExit;

        Plan(List<String> jvmOptions, Runnable afterExit) {
            this.jvmOptions = jvmOptions;
            this.afterExit = afterExit;
        }

        List<String> jvmOptions() {
            return jvmOptions;
        }

        Runnable afterExit() {
            return afterExit;
        }
    }

    static Plan plan(SpawnOptions options) {
        return Plan.NONE;
    }
}
