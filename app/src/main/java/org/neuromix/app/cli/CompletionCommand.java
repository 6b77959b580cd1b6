package org.neuromix.app.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neuromix completion bash|zsh}: prints the shell completion script (picocli's AutoComplete). */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print a completion script for bash or zsh: commands, options and their values complete on TAB.",
            "Load it in the current shell:  source <(neuromix completion bash)   (or: zsh)",
            "Install it for every new shell: add that line to ~/.bashrc or ~/.zshrc. In zsh the script loads",
            "zsh's bash-completion layer (bashcompinit) itself.",
            "",
            "Exit codes: 0 printed; 2 unknown shell."
        })
final class CompletionCommand implements Callable<Integer> {
    /** The shells the script is for: picocli writes one script that bash and zsh both read. */
    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
