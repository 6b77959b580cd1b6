package org.neuromix.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The MixPlan reader takes plans from users (the API, the CLI): whatever the bytes, it reads a
 * valid plan or refuses with a MixPlanException — no other exception, no hang, no runaway memory —
 * and what it reads writes back to the same plan.
 */
class MixPlanJsonFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void readsAValidPlanOrRefusesIt(FuzzedDataProvider data) throws MixPlanException {
        String json = data.consumeRemainingAsString();
        MixPlan plan;
        try {
            plan = MixPlanJson.read(json);
        } catch (MixPlanException refused) {
            return;
        }
        assertEquals(plan, MixPlanJson.read(MixPlanJson.write(plan)), "a plan read writes back to itself");
    }
}
