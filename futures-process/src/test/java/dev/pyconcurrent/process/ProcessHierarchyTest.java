package dev.pyconcurrent.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parents, children and grandchildren: who a child thinks it is, naming across generations, the daemon rules, many
 * concurrent children, and what happens to children when their parent dies.
 *
 * <p>Ports from {@code Lib/test/_test_multiprocessing.py}: {@code _TestProcess.test_parent_process_attributes},
 * {@code test_parent_process} (a grandchild sees its parent alive, then gone), {@code test_recursion} (reduced to
 * depth 2 naming), {@code test_many_processes} (spawn flavour: a handful, plus terminating freshly started ones),
 * and the {@code start()} assert "daemonic processes are not allowed to have children". The parent-death tests have
 * no CPython counterpart (CPython leaves orphans running); they check this library's documented policy.
 */
@Timeout(90)
class ProcessHierarchyTest {
    @TempDir
    Path dir;

    @Test
    void childSeesItselfAsCurrentAndItsCreatorAsParent() throws Exception {
        String out = dir.resolve("out").toString();
        Process p = Process.builder().name("Kid").target(() -> {
            Process me = Process.currentProcess();
            Process parent = Process.parentProcess().orElseThrow();
            ChildIO.append(out, me.name() + " alive=" + me.isAlive() + " pid=" + me.pid());
            ChildIO.append(out, parent.name() + " " + parent.pid() + " alive=" + parent.isAlive());
        }).build();
        p.start();
        p.join();
        assertEquals(0, p.exitCode());
        assertEquals(List.of("Kid alive=true pid=" + p.pid(),
                "MainProcess " + ProcessHandle.current().pid() + " alive=true"), ChildIO.lines(Path.of(out)));
    }

    @Test
    void grandchildrenAreNamedAfterTheirCreatorsIdentity() throws Exception {
        String out = dir.resolve("out").toString();
        Process p = new Process(() -> {
            for (int i = 0; i < 2; i++) {
                Process grandchild = new Process(() -> ChildIO.append(out, Process.currentProcess().name()
                        + " parent=" + Process.parentProcess().orElseThrow().name()));
                grandchild.start();
                try {
                    grandchild.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        p.start();
        p.join();
        assertEquals(0, p.exitCode());
        assertEquals(List.of(p.name() + ":1 parent=" + p.name(), p.name() + ":2 parent=" + p.name()),
                ChildIO.lines(Path.of(out)));
    }

    @Test
    void daemonProcessesCannotHaveChildren() throws Exception {
        String out = dir.resolve("out").toString();
        Process p = Process.builder().daemon(true).target(() -> {
            try {
                new Process(() -> { }).start();
                ChildIO.append(out, "started");
            } catch (IllegalStateException e) {
                ChildIO.append(out, e.getMessage());
            }
        }).build();
        p.start();
        p.join();
        assertEquals(List.of("daemonic processes are not allowed to have children"), ChildIO.lines(Path.of(out)));
    }

    @Test
    void grandchildSeesItsParentAliveThenGoneAfterTheParentIsTerminated() throws Exception {
        String out = dir.resolve("out").toString();
        Process middle = new Process(() -> {
            Process grandchild = new Process(() -> {
                Process parent = Process.parentProcess().orElseThrow();
                ChildIO.append(out, "alive=" + parent.isAlive());
                try {
                    parent.sentinel().get(); // completes when the parent is gone
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                ChildIO.append(out, "alive=" + parent.isAlive());
            });
            grandchild.start();
            ChildIO.sleepLong();
        });
        middle.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> ChildIO.lines(Path.of(out)).size() == 1);
        middle.terminate();
        middle.join();
        await().atMost(Duration.ofSeconds(30)).until(() -> ChildIO.lines(Path.of(out)).size() == 2);
        assertEquals(List.of("alive=true", "alive=false"), ChildIO.lines(Path.of(out)));
    }

    @Test
    void daemonGrandchildExitsWhenItsParentIsKilled() throws Exception {
        assertGrandchildFollowsParentDeath(true, null, true);
    }

    @Test
    void nonDaemonGrandchildWithExitWithParentExitsWhenItsParentIsKilled() throws Exception {
        assertGrandchildFollowsParentDeath(false, true, true);
    }

    @Test
    void nonDaemonGrandchildOutlivesItsKilledParentByDefault() throws Exception {
        assertGrandchildFollowsParentDeath(false, null, false);
    }

    /**
     * Middle JVM starts a grandchild that sleeps, reports its pid, then the middle JVM is SIGKILLed (no shutdown
     * hooks run): only the spawn pipe's EOF can tell the grandchild.
     */
    private void assertGrandchildFollowsParentDeath(boolean daemon, Boolean exitWithParent, boolean expectExit)
            throws Exception {
        String out = dir.resolve("pids").toString();
        Process middle = new Process(() -> {
            Process grandchild = new Process(ChildIO::sleepLong);
            grandchild.setDaemon(daemon);
            grandchild.setExitWithParent(exitWithParent);
            grandchild.start();
            ChildIO.append(out, Long.toString(grandchild.pid()));
            ChildIO.sleepLong();
        });
        middle.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> ChildIO.lines(Path.of(out)).size() == 1);
        long grandchildPid = Long.parseLong(ChildIO.lines(Path.of(out)).get(0));
        ProcessHandle grandchild = ProcessHandle.of(grandchildPid).orElseThrow();
        try {
            middle.kill();
            middle.join();
            assertEquals(-9, middle.exitCode());
            if (expectExit) {
                await().atMost(Duration.ofSeconds(20)).until(() -> !grandchild.isAlive());
            } else {
                // The policy under test is "keeps running": observe it still running after its parent is gone.
                assertTrue(grandchild.isAlive());
            }
        } finally {
            grandchild.destroy(); // SIGTERM: lets an orphan clean up its exit-report file
        }
    }

    @Test
    void manyConcurrentChildrenAllExitZero() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            processes.add(new Process(() -> { }));
        }
        for (Process p : processes) {
            p.start();
        }
        for (Process p : processes) {
            p.join();
            assertEquals(0, p.exitCode(), p.toString());
        }
    }

    @Test
    void terminatingFreshlyStartedChildrenGivesMinusSigterm() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Process p = new Process(ChildIO::sleepLong);
            p.start();
            processes.add(p);
        }
        for (Process p : processes) {
            p.terminate();
        }
        for (Process p : processes) {
            p.join();
            // A JVM terminated before it installed its handlers dies of the signal itself: still -15.
            assertEquals(-15, p.exitCode(), p.toString());
        }
    }
}
