package capsim.personality.sel4;

import capsim.personality.PAction;
import capsim.personality.Session;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void time() {
        Sel4Personality p = new Sel4Personality();
        Map<String, Integer> why = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            SplittableRandom rnd = new SplittableRandom(i);
            Session<Sel4World> s = Session.unchecked(p, p.newWorld());
            for (PAction<Sel4World> a : p.randomSetup(rnd)) {
                s.step(a);
            }
            for (int k = 0; k < 40; k++) {
                PAction<Sel4World> a = p.randomStep(s.world(), rnd);
                Session.Step r = s.step(a);
                if (r.refused()) {
                    String key = r.outcome() + " " + a.text().split(" ")[1] + ": " + r.refusal().replaceAll("[0-9]+", "N").replaceAll("^\\S+ ", "");
                    why.merge(key.length() > 110 ? key.substring(0, 110) : key, 1, Integer::sum);
                }
            }
        }
        why.forEach((k, v) -> System.out.println(v + "  " + k));
    }
}
