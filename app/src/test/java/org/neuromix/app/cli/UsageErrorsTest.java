package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unknown commands and options exit 2 with a suggestion, whatever follows them; shell completion. */
class UsageErrorsTest {
    @TempDir
    Path directory;

    private static void assertRefused(String expected, String... args) {
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run(args);
        assertEquals(NeuroMixCli.EXIT_BAD_INPUT, run.exitCode(), String.join(" ", args) + ": " + run.out() + run.err());
        assertEquals("", run.out(), "no usage on stdout");
        assertTrue(run.err().contains(expected), run.err());
        assertTrue(run.err().contains("Did you mean") || run.err().contains("Possible solutions") || run.err().contains("--help'"),
                "a suggestion: " + run.err());
    }

    @Test
    void unknownCommandsAndOptionsExitTwoEvenWithHelpAfterThem() {
        assertRefused("unknown command 'wroker'", "wroker", "--help");
        assertRefused("unknown command 'wroker'", "wroker", "-h");
        assertRefused("unknown command 'frobnicate'", "frobnicate");
        assertRefused("unknown command 'sepraate'", "sepraate", "--version");
        assertRefused("Unknown option: '--frob'", "mix", "--frob", "--help");
        assertRefused("Unknown subcommand 'wroker'", "help", "wroker");
        assertRefused("expected one of [bash, zsh]", "completion", "fish");
        AnalyzeCommandTest.Run typo = AnalyzeCommandTest.run("separate", "--methd", "dsp", "in.wav", "-o", "out");
        assertEquals(NeuroMixCli.EXIT_BAD_INPUT, typo.exitCode());
        assertTrue(typo.err().contains("--method"), "the nearest option is suggested: " + typo.err());
        AnalyzeCommandTest.Run near = AnalyzeCommandTest.run("separat");
        assertTrue(near.err().contains("neuromix separate"), "the nearest command is suggested: " + near.err());
    }

    @Test
    void knownCommandsWithHelpStillExitZero() {
        assertEquals(0, AnalyzeCommandTest.run("mix", "--help").exitCode());
        assertEquals(0, AnalyzeCommandTest.run("help", "separate").exitCode());
        assertEquals(0, AnalyzeCommandTest.run("--version").exitCode());
        assertEquals(0, AnalyzeCommandTest.run("worker", "--help").exitCode(), "worker is a command (serve --role worker)");
        // serve passes what it does not know to Spring as settings: not refused.
        AnalyzeCommandTest.Run serveHelp = AnalyzeCommandTest.run("serve", "--neuromix.pipeline.max-attempts=2", "--help");
        assertEquals(0, serveHelp.exitCode(), serveHelp.err());
    }

    @Test
    void completionScriptCompletesCommandsAndOptionsInBash() throws Exception {
        AnalyzeCommandTest.Run bash = AnalyzeCommandTest.run("completion", "bash");
        assertEquals(0, bash.exitCode(), bash.err());
        AnalyzeCommandTest.Run zsh = AnalyzeCommandTest.run("completion", "zsh");
        assertEquals(0, zsh.exitCode(), zsh.err());
        // picocli writes one script for both shells; in zsh it loads bashcompinit itself.
        assertEquals(bash.out(), zsh.out());
        assertTrue(zsh.out().contains("bashcompinit"), "zsh support");
        Path script = Files.writeString(directory.resolve("neuromix-completion.bash"), bash.out());
        assertEquals("separate", complete(script, "neuromix sep"));
        assertTrue(complete(script, "neuromix separate --me").contains("--method"));
        assertTrue(complete(script, "neuromix mix --so").contains("--song"));
        assertTrue(complete(script, "neuromix completion ").contains("zsh"));
    }

    /**
     * In zsh itself (Debian's zsh, as .ci/run installs it): sourcing the script registers the
     * completion through bashcompinit, and TAB after {@code neuromix} offers the commands.
     */
    @Test
    void completionScriptInstallsInZsh() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/zsh")), "install Debian's zsh (.ci/run does)");
        AnalyzeCommandTest.Run zsh = AnalyzeCommandTest.run("completion", "zsh");
        Path script = Files.writeString(directory.resolve("neuromix-completion.zsh"), zsh.out());
        String program = "autoload -U compinit && compinit -u -d '" + directory.resolve("zcompdump") + "'; source '" + script
                + "'; print -r -- \"registered: ${_comps[neuromix]}\"; COMP_WORDS=(neuromix se); COMP_CWORD=1;"
                + " COMP_LINE='neuromix se'; COMP_POINT=${#COMP_LINE}; _complete_neuromix 2>/dev/null;"
                + " print -r -- \"offered: ${COMPREPLY[*]}\"";
        Process process = new ProcessBuilder("/usr/bin/zsh", "-f", "-c", program).redirectErrorStream(true)
                .directory(directory.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(output.contains("registered: _bash_complete -F _complete_neuromix"), output);
        assertTrue(output.contains("offered: ") && output.contains("separate") && output.contains("serve"), output);
    }

    /** What bash offers for TAB after {@code line}, one candidate per line. */
    private static String complete(Path script, String line) throws Exception {
        String words = line.endsWith(" ") ? line + "''" : line;
        String program = "source '" + script + "'; COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));"
                + " COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_neuromix 2>/dev/null;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process process = new ProcessBuilder("bash", "--norc", "-c", program).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return output.strip();
    }
}
