package capsim.explore;

import capsim.kernel.Kernel;
import capsim.kernel.check.Invariant;
import java.util.List;

/**
 * What to explore: the initial state, the programs that may run (one per thread, or an "any of these
 * steps" program), the invariants to check after every step, and groups of interchangeable programs
 * (symmetry: their threads, and the objects charged to their threads' activities, may be permuted).
 *
 * @param symmetric groups of indexes into {@code programs}; each program in a group belongs to one thread
 */
public record Model(Kernel initial, List<Program> programs, List<Invariant> invariants, List<List<Integer>> symmetric) {
    public Model {
        programs = List.copyOf(programs);
        invariants = List.copyOf(invariants);
        symmetric = symmetric.stream().map(List::copyOf).toList();
        if (programs.isEmpty()) {
            throw new IllegalArgumentException("nothing to explore: no program");
        }
    }

    /** The initial program counters (every program at its start). */
    int[] startPcs() {
        return new int[programs.size()];
    }
}
