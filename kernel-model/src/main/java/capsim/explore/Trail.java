package capsim.explore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a state was reached: a persistent list from the initial state (frontier states share their common
 * prefixes, so a level costs one link per state). The counterexample is read off it.
 */
record Trail(Trail parent, String program, Step step, String outcome, int length) {
    static final Trail START = new Trail(null, null, null, null, 0);

    Trail then(String program, Step step, String outcome) {
        return new Trail(this, program, step, outcome, length + 1);
    }

    /** The steps from the initial state, first first. */
    List<Explorer.Taken> steps() {
        List<Explorer.Taken> out = new ArrayList<>();
        for (Trail t = this; t.step != null; t = t.parent) {
            out.add(new Explorer.Taken(t.program, t.step, t.outcome));
        }
        Collections.reverse(out);
        return out;
    }
}
