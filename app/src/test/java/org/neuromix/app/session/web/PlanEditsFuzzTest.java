package org.neuromix.app.session.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.neuromix.app.system.InvalidInputException;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlanValidator;

/**
 * The revision form comes from the browser: whatever its fields hold, applying it gives a plan
 * that validates, or an InvalidInputException naming a field — never another exception.
 */
class PlanEditsFuzzTest {
    /** Bands, a compressor, a send and a bus: every kind of field has something to edit. */
    private static final MixPlan BASE = PlanEditsTest.plan();
    /** The form's own field names (per track with its index), so that the fuzzer reaches the parsing. */
    private static final String[] FIELDS = {"gain", "pan", "width", "mute", "eqNew", "eq", "compDb", "compRatio", "send",
        "reverbReturn", "target"};

    @FuzzTest(maxDuration = "60s")
    void appliesAValidEditOrNamesTheField(FuzzedDataProvider data) {
        Map<String, String> form = new LinkedHashMap<>();
        int fields = data.consumeInt(0, 24);
        for (int i = 0; i < fields; i++) {
            String field = data.pickValue(FIELDS);
            String name = field.equals("target") || field.equals("reverbReturn") ? field
                    : field.startsWith("eq") ? field + data.consumeInt(-1, 3) + "-" + data.consumeInt(0, 3)
                            + data.pickValue(new String[] {"-hz", "-db", "-q", "-remove"})
                    : data.consumeBoolean() ? field + data.consumeInt(-1, 3) : data.consumeString(12);
            form.put(name, data.consumeString(40));
        }
        MixPlan edited;
        try {
            edited = PlanEdits.apply(BASE, form);
        } catch (InvalidInputException refused) {
            if (refused.field() == null || refused.field().isBlank()) {
                throw new AssertionError("a refusal must name its field: " + refused.getMessage());
            }
            return;
        }
        try {
            MixPlanValidator.validate(edited);
        } catch (MixPlanException invalid) {
            throw new AssertionError("an accepted edit made an invalid plan: " + invalid.getMessage() + " from " + form, invalid);
        }
    }
}
