package dev.pyconcurrent.examples;

import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs an article scenario by name: {@code ./examples/run thread-pool 2 10} is the article's
 * {@code python t.py 2 10}.
 *
 * <p>The articles used Google's {@code fire} to turn a function into a command line; picocli plays
 * that part here. With no arguments the launcher lists every scenario, with the article section each
 * one reproduces.
 */
@Command(name = "examples/run",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        synopsisSubcommandLabel = "SCENARIO [ARGS...]",
        description = "Runs one scenario of the articles in shared/articles/ on pyconcurrent-java.",
        footer = {"", "Run './examples/run SCENARIO --help' for a scenario's arguments."})
public final class Launcher implements Runnable {

    @CommandLine.Spec
    private CommandSpec spec;

    /** Entry point of {@code ./examples/run}. */
    public static void main(String[] args) {
        // Start logging before any scenario runs: logback reads its configuration on first use, which takes a
        // few hundred milliseconds and would otherwise land inside the first timed submit of a scenario.
        LoggerFactory.getILoggerFactory();
        System.exit(commandLine().execute(args));
    }

    /** The launcher with every scenario registered; tests use it to run scenarios in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Launcher());
        for (ScenarioCatalog.Scenario scenario : ScenarioCatalog.all()) {
            CommandLine sub = new CommandLine(scenario.command().get());
            sub.getCommandSpec().usageMessage().description(scenario.summary() + " [" + scenario.article() + "]");
            cli.addSubcommand(scenario.name(), sub);
        }
        return cli;
    }

    /** With no scenario named, list them all: the usage help is that list. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
