package capsim.scenario;

import capsim.kernel.CapAddress;
import capsim.kernel.CapPage;
import capsim.kernel.Capability;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import java.util.Map;

/** Turns step arguments into kernel arguments against the current state: names to oids and to addresses. */
public final class Resolver {
    private final Kernel kernel;
    private final Map<String, Integer> names;

    Resolver(Kernel kernel, Map<String, Integer> names) {
        this.kernel = kernel;
        this.names = names;
    }

    int oid(String name) throws StepFailure {
        Integer oid = names.get(name);
        if (oid == null) {
            throw new StepFailure("'" + name + "' names no object");
        }
        return oid;
    }

    /** The invoking thread's oid. */
    int thread(String name) throws StepFailure {
        int oid = oid(name);
        if (!(kernel.heap().get(oid) instanceof KernelThread)) {
            throw new StepFailure("'" + name + "' is not a live thread");
        }
        return oid;
    }

    /** The address of {@code ref} in {@code thread}'s space. */
    int address(int thread, Ref ref) throws StepFailure {
        if (!ref.isName()) {
            return ref.address();
        }
        int target = oid(ref.name());
        int found = find(thread, target);
        if (found == CapAddress.NONE) {
            throw new StepFailure("thread " + nameOf(thread) + " holds no capability to '" + ref.name() + "' (name it by address)");
        }
        return found;
    }

    int[] addresses(int thread, java.util.List<Ref> refs) throws StepFailure {
        int[] out = new int[refs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = address(thread, refs.get(i));
        }
        return out;
    }

    private String nameOf(int oid) {
        for (Map.Entry<String, Integer> e : names.entrySet()) {
            if (e.getValue() == oid) {
                return e.getKey();
            }
        }
        return "#" + oid;
    }

    /**
     * Searches the thread's capability pages breadth first (slot order, at most three levels) for a live
     * capability to {@code target}; a strong one is preferred to a weak one.
     */
    private int find(int thread, int target) {
        KernelThread t = (KernelThread) kernel.heap().get(thread);
        if (!(kernel.heap().lookup(t.asRoot()) instanceof CapPage root)) {
            return CapAddress.NONE;
        }
        int weakFound = CapAddress.NONE;
        CapPage[] level = {root};
        int[][] prefixes = {new int[0]};
        for (int depth = 1; depth <= CapAddress.MAX_DEPTH; depth++) {
            java.util.List<CapPage> nextPages = new java.util.ArrayList<>();
            java.util.List<int[]> nextPrefixes = new java.util.ArrayList<>();
            for (int p = 0; p < level.length; p++) {
                for (int s = 0; s < CapPage.SLOTS; s++) {
                    Capability c = level[p].slot(s);
                    KernelObject o = kernel.heap().lookup(c);
                    if (o == null) {
                        continue;
                    }
                    int[] path = java.util.Arrays.copyOf(prefixes[p], depth);
                    path[depth - 1] = s;
                    if (o.oid() == target) {
                        int addr = CapAddress.of(path);
                        if (c.rights().write()) {
                            return addr;
                        }
                        if (weakFound == CapAddress.NONE) {
                            weakFound = addr;
                        }
                    }
                    if (o instanceof CapPage sub && depth < CapAddress.MAX_DEPTH && c.rights().read()) {
                        nextPages.add(sub);
                        nextPrefixes.add(path);
                    }
                }
            }
            level = nextPages.toArray(new CapPage[0]);
            prefixes = nextPrefixes.toArray(new int[0][]);
        }
        return weakFound;
    }
}
