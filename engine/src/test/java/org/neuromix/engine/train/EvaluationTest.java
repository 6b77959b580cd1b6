package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
    @TempDir
    Path directory;

    @Test
    void balanceErrorsIgnoreTheGlobalOffset() {
        List<Double> errors = Evaluation.balanceErrors(List.of(-20.0, -30.0, Double.NaN), List.of(-25.0, -35.0, -30.0));
        assertEquals(List.of(0.0, 0.0), errors, "every stem 5 LU hot is a perfect balance");
        List<Double> skewed = Evaluation.balanceErrors(List.of(-20.0, -30.0), List.of(-20.0, -34.0));
        assertEquals(List.of(2.0, 2.0), skewed);
    }

    @Test
    void evaluatesAgainstBaselines() throws Exception {
        Evaluation.Report report = Evaluation.run(2, 7, 2, directory);
        assertEquals(3, report.scores().size());
        Evaluation.MethodScore neuromix = report.scores().get(0);
        Evaluation.MethodScore raw = report.scores().get(1);
        // The balance is graded here against the written table; the shipped balance model learned musicians'
        // balances instead (graded in MusicianBalanceTest), so on two sessions it may land either side of the
        // raw sum's error. The pipeline must still score every stem.
        assertTrue(Double.isFinite(neuromix.medianErrorLu()) && neuromix.stems() == raw.stems() && raw.stems() > 0,
                neuromix + " vs " + raw);
        assertTrue(neuromix.meanMrStft() < raw.meanMrStft(), "closer to the reference mix: " + neuromix + " vs " + raw);
        assertTrue(report.maxLoudnessErrorLu() < 0.5, "loudness error " + report.maxLoudnessErrorLu());
        assertEquals(1.0, report.truePeakCompliance());
        String markdown = report.markdown("neuromix eval --sessions 2");
        assertTrue(markdown.contains("| NeuroMix") && markdown.contains("equal loudness"), markdown);
    }
}
