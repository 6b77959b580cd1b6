package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.neuromix.app.session.SessionOptions;
import org.neuromix.engine.separation.Separators;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code neuromix --help} and every command's {@code --help}: each default the help states is the
 * option's real default, and the mixing and separation defaults are the service's.
 */
class HelpDefaultsTest {
    /** Defaults that are a description, not a value (the option has no default value; the code decides). */
    private static final List<String> DESCRIBED_DEFAULTS = List.of("all cores", "the pinned JDK bank", "the pinned bank",
            "the installed packages");

    @Test
    void topLevelHelpListsEveryCommand() {
        AnalyzeCommandTest.Run help = AnalyzeCommandTest.run("--help");
        assertEquals(0, help.exitCode(), help.err());
        for (String command : new CommandLine(new NeuroMixCli()).getSubcommands().keySet()) {
            assertTrue(help.out().contains("  " + command + " "), command + " is listed: " + help.out());
        }
        assertTrue(help.out().contains("completion"), help.out());
    }

    @Test
    void everyStatedDefaultIsTheRealDefault() {
        List<String> checked = new ArrayList<>();
        check(new CommandLine(new NeuroMixCli()), checked);
        assertTrue(checked.size() >= 25, "options with defaults checked: " + checked);
    }

    @Test
    void mixAndSeparateStateTheServicesDefaults() {
        SessionOptions service = SessionOptions.defaults();
        String mix = help("mix");
        assertStates(mix, "--target", service.target());
        assertStates(mix, "--style", service.style());
        assertStates(mix, "--reverb", service.reverb());
        assertStates(mix, "--intensity", String.valueOf((int) service.intensity()));
        assertStates(mix, "--pan", service.pan());
        assertStates(mix, "--separation", Separators.DEFAULT_METHOD);
        assertStates(help("separate"), "--method", "learned");
        assertStates(help("eval-separation"), "--method", Separators.DEFAULT_METHOD);
        assertEquals("learned", Separators.DEFAULT_METHOD, "the service's separation default (SeparationSplitter)");
    }

    private static String help(String command) {
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run(command, "--help");
        assertEquals(0, run.exitCode(), run.err());
        return run.out();
    }

    private static void assertStates(String help, String option, String value) {
        String text = optionText(help.lines().toList(), option);
        assertTrue(text.contains("default: " + value), option + " states " + value + ": " + text);
    }

    private static void check(CommandLine command, List<String> checked) {
        command.setUsageHelpWidth(400); // one line per description where picocli allows
        List<String> lines = command.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().toList();
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String name = command.getCommandSpec().qualifiedName() + " " + option.longestName();
            String text = optionText(lines, option.longestName());
            String stated = text.contains("default: ") ? text.substring(text.indexOf("default: ") + "default: ".length()) : null;
            if (option.defaultValue() != null) {
                assertTrue(stated != null && stated.startsWith(option.defaultValue()),
                        name + " states its default " + option.defaultValue() + ": " + text);
                checked.add(name);
            } else if (stated != null) {
                assertTrue(DESCRIBED_DEFAULTS.stream().anyMatch(stated::startsWith),
                        name + " states a default it does not have: " + text);
            }
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                check(sub, checked);
            }
        }
    }

    /** The option's line in the help and its continuation lines (indented, not starting another option). */
    private static String optionText(List<String> lines, String longestName) {
        Pattern start = Pattern.compile("^\\s+(-\\w, )?" + Pattern.quote(longestName) + "([=\\s\\[].*)?$");
        for (int i = 0; i < lines.size(); i++) {
            if (start.matcher(lines.get(i)).matches()) {
                StringBuilder text = new StringBuilder(lines.get(i).strip());
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("    ")
                        && !lines.get(j).strip().startsWith("-"); j++) {
                    text.append(' ').append(lines.get(j).strip());
                }
                return text.toString();
            }
        }
        throw new AssertionError(longestName + " is not in the help:\n" + String.join("\n", lines));
    }
}
