package capsim.personality.cluster;

import capsim.kernel.CapType;
import capsim.kernel.Kernel;
import capsim.kernel.KernelException;
import capsim.kernel.variant.Revised;
import capsim.personality.PersonalityException;
import capsim.personality.World;
import java.util.Map;
import java.util.TreeMap;

/** One simulated machine of the cluster: its kernel and the names and roles of its objects for diagrams. */
final class Node {
    final String name;
    final Kernel kernel;
    final Map<Integer, String> names = new TreeMap<>();
    final Map<Integer, String> roles = new TreeMap<>();

    Node(String name, Kernel kernel) {
        this.name = name;
        this.kernel = kernel;
    }

    Node(String name) {
        this(name, new Kernel(new Revised()));
    }

    /** A child activity of the root (quota 0: none of its own). */
    int activity(long quota, String label, String role) throws PersonalityException {
        try {
            int oid = kernel.boot().activity(kernel.rootActivity(), quota);
            label(oid, label, role);
            return oid;
        } catch (KernelException e) {
            throw World.refusal(e);
        }
    }

    int allocate(CapType type, int activity, String label, String role) throws PersonalityException {
        try {
            int oid = kernel.boot().allocate(type, activity);
            label(oid, label, role);
            return oid;
        } catch (KernelException e) {
            throw World.refusal(e);
        }
    }

    void label(int oid, String label, String role) {
        if (label != null) {
            names.put(oid, label);
        }
        if (role != null) {
            roles.put(oid, role);
        }
    }

    /** Forgets the labels of objects that are gone. */
    void prune() {
        names.keySet().removeIf(o -> kernel.heap().get(o) == null);
        roles.keySet().removeIf(o -> kernel.heap().get(o) == null);
    }
}
