package org.neuromix.app.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code neuromix} command line. Commands that only touch the engine (analyze, ...) never
 * start Spring, so they launch in a fraction of a second.
 */
@Command(name = "neuromix",
        mixinStandardHelpOptions = true,
        versionProvider = NeuroMixCli.Version.class,
        description = "NeuroMix: self-hostable AI mixing. Measure, mix and master audio.",
        subcommands = {AnalyzeCommand.class, MixCommand.class, ServeCommand.class, WorkerCommand.class, AdminCommand.class, TrainCommand.class, BuildSessionsCommand.class, EvalCommand.class, SeparateCommand.class, EvalSeparationCommand.class, TrainSeparatorCommand.class, RenderCommand.class, PlanTemplateCommand.class,
            CompletionCommand.class, CommandLine.HelpCommand.class})
public final class NeuroMixCli implements Runnable {
    /** Exit code for bad input: a missing, unreadable or invalid file or argument. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for an unexpected internal failure. */
    public static final int EXIT_INTERNAL_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Commands that read audio: their FFmpeg libraries load while the command line is parsed. */
    private static final java.util.Set<String> AUDIO_COMMANDS = java.util.Set.of("analyze", "mix", "render", "plan-template", "separate");

    public static void main(String[] args) {
        if (args.length > 0 && AUDIO_COMMANDS.contains(args[0])
                && !java.util.Arrays.asList(args).contains("--help") && !java.util.Arrays.asList(args).contains("-h")) {
            org.neuromix.engine.io.AudioReader.preloadLibraries();
        }
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and embedding). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new NeuroMixCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.setExecutionStrategy(NeuroMixCli::refuseUnmatchedThenRun);
        commandLine.setParameterExceptionHandler(NeuroMixCli::badUsage);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            // One line, never a stack trace; NEUROMIX_DEBUG=1 shows it for bug reports.
            cmd.getErr().println("neuromix " + cmd.getCommandName() + ": internal error: " + exception);
            if ("1".equals(System.getenv("NEUROMIX_DEBUG"))) {
                exception.printStackTrace(cmd.getErr());
            }
            return EXIT_INTERNAL_ERROR;
        });
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    /**
     * picocli lets unknown arguments pass when --help follows them ({@code neuromix worker --help}
     * printed the top-level usage and exited 0): refuse them first, whatever else was given.
     */
    private static int refuseUnmatchedThenRun(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            // A command that takes unmatched arguments on purpose (serve: Spring settings) keeps them.
            boolean takesUnmatched = !level.commandSpec().unmatchedArgsBindings().isEmpty()
                    || level.commandSpec().parser().unmatchedArgumentsAllowed();
            if (!takesUnmatched && !level.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /** A usage error: what was wrong, a suggestion (the nearest command or option, or where to look), exit 2. */
    private static int badUsage(CommandLine.ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        boolean unknownCommand = exception instanceof CommandLine.UnmatchedArgumentException unmatched
                && !command.getSubcommands().isEmpty() && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-");
        if (unknownCommand) {
            err.println(name + ": unknown command '"
                    + ((CommandLine.UnmatchedArgumentException) exception).getUnmatched().get(0) + "'");
        } else {
            err.println(name + ": " + exception.getMessage());
        }
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(exception, err)) {
            err.println("See '" + name + " --help' for " + (command.getSubcommands().isEmpty() ? "its options." : "the commands."));
        }
        err.flush();
        return EXIT_BAD_INPUT;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = NeuroMixCli.class.getPackage().getImplementationVersion();
            return new String[] {"neuromix " + (version == null ? "development build" : version)};
        }
    }
}
