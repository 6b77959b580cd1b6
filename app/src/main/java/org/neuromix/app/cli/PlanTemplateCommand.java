package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.neuromix.engine.io.AudioFileInfo;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlanJson;
import org.neuromix.engine.plan.MixPlans;
import org.neuromix.engine.render.RenderException;
import org.neuromix.engine.render.StemFolder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neuromix plan-template}: a neutral, hand-editable plan for a folder of stems. */
@Command(name = "plan-template",
        mixinStandardHelpOptions = true,
        description = {
            "Write a neutral mix plan for the audio files in a folder: unity gain, centred, no processing,",
            "normalised to -14 LUFS with a -1 dBTP ceiling. Edit it, then run 'neuromix render'.",
            "Files that are not audio are skipped with a note on stderr.",
            "",
            "Exit codes: 0 written; 2 bad input (no folder, no audio in it)."
        })
final class PlanTemplateCommand implements Callable<Integer> {
    @Option(names = "--stems", required = true, paramLabel = "DIR", description = "Folder of stems.")
    Path stems;

    @Option(names = {"-o", "--output"}, paramLabel = "PLAN.json", description = "Write here instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StemFolder.Contents contents;
        try {
            contents = StemFolder.scan(stems);
        } catch (RenderException e) {
            err.println("neuromix plan-template: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        contents.skipped().forEach(skipped -> err.println("note: skipped " + skipped.problem()));
        MixPlan plan = MixPlans.neutralTemplate(contents.stems().stream()
                .map(AudioFileInfo::file).map(file -> file.getFileName().toString()).toList());
        if (output == null) {
            out.print(MixPlanJson.write(plan));
        } else {
            MixPlanJson.write(plan, output);
            err.println("wrote " + output + " (" + plan.tracks().size() + " tracks)");
        }
        out.flush();
        return 0;
    }
}
