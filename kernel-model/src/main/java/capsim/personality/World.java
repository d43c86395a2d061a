package capsim.personality;

import capsim.kernel.Boot;
import capsim.kernel.CapType;
import capsim.kernel.Kernel;
import capsim.kernel.KernelError;
import capsim.kernel.KernelException;
import capsim.kernel.StateText;
import capsim.kernel.variant.Revised;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of a personality: a kernel that holds every object the design has (so activities pay for them
 * and capabilities name them), the design's own bookkeeping in the subclass, and a log of what happened, one
 * line an event. Subclasses keep their fields deterministic (no hash-ordered iteration) and copy them deeply.
 *
 * @param <W> the subclass itself
 */
public abstract class World<W extends World<W>> {
    private final Kernel kernel;
    /** Shared with every copy (a copy costs nothing however long the history): replaced, never changed. */
    private SharedLog<String> events;
    private final Map<Integer, String> names;
    private final Map<Integer, String> roles;

    /** A world on a fresh kernel of the revised design (first-class queues, bounded kernel work). */
    protected World() {
        this(new Kernel(new Revised()));
    }

    protected World(Kernel kernel) {
        this.kernel = kernel;
        this.events = SharedLog.empty();
        this.names = new TreeMap<>();
        this.roles = new TreeMap<>();
    }

    /** A deep copy of {@code other}'s part; subclasses call it from their copy constructor. */
    protected World(World<W> other) {
        this.kernel = other.kernel.copy();
        this.events = other.events;
        this.names = new TreeMap<>(other.names);
        this.roles = new TreeMap<>(other.roles);
    }

    /** A deep copy: changing it never changes this world. */
    public abstract W copy();

    /**
     * The work {@link #copy()} does beyond taking references: how many entries of maps, lists and objects it
     * duplicates (its own labels and the design's {@link #copiedState()}). History shared between copies is not
     * counted; the kernels' copies are the kernel's own. Tests read it to show that a copy's cost follows the live
     * state, not the length of the run.
     */
    public final int copyWork() {
        return names.size() + roles.size() + copiedState();
    }

    /**
     * The entries the design's part of {@link #copy()} duplicates (see {@link #copyWork()}); every design of
     * this model says, a small design of a test or an example may leave it 0.
     */
    protected int copiedState() {
        return 0;
    }

    /** The design's own state as text, one fact a line, in a fixed order (for determinism and debugging). */
    public abstract String stateText();

    /** Extra lines a diagram shows under the object {@code oid} ("3 in flight", "owner: server"). */
    public List<String> details(int oid) {
        return List.of();
    }

    public final Kernel kernel() {
        return kernel;
    }

    /** Every event so far, oldest first (an immutable list: later events do not show in it). */
    public final List<String> events() {
        return events;
    }

    /** oid → the personality's name of the object it carries. */
    public final Map<Integer, String> names() {
        return Collections.unmodifiableMap(names);
    }

    /** oid → the role ({@link Role#name()}) of the object it carries. */
    public final Map<Integer, String> roles() {
        return Collections.unmodifiableMap(roles);
    }

    // ------------------------------------------------------------------ worlds of several kernels

    /**
     * The kernels of the world, one per node: most designs run on one; a cluster has one per machine. The
     * first is {@link #kernel()}. Core invariants are checked on each.
     */
    public List<Kernel> kernels() {
        return List.of(kernel);
    }

    /** The nodes' names, one per kernel, for diagrams. */
    public List<String> nodeNames() {
        return List.of("kernel");
    }

    /** oid → name on node {@code node}. */
    public Map<Integer, String> names(int node) {
        return node == 0 ? names() : Map.of();
    }

    /** oid → role on node {@code node}. */
    public Map<Integer, String> roles(int node) {
        return node == 0 ? roles() : Map.of();
    }

    /** Detail lines of the object {@code oid} on node {@code node}. */
    public List<String> details(int node, int oid) {
        return node == 0 ? details(oid) : List.of();
    }

    /** Relations between objects of different nodes, drawn between their diagrams. */
    public List<NodeLink> nodeLinks() {
        return List.of();
    }

    /** A 64-bit FNV-1a hash of every kernel's state, the design's state and the event log. */
    public final long fingerprint() {
        long h = 0xcbf29ce484222325L;
        List<String> parts = new ArrayList<>();
        for (Kernel k : kernels()) {
            parts.add(StateText.of(k));
        }
        parts.add(stateText());
        parts.add(String.join("\n", events));
        for (String part : parts) {
            for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            h ^= 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    // ------------------------------------------------------------------ what personality operations build on

    /** Appends one line to the event log. */
    public final void event(String text) {
        events = events.with(text);
    }

    /** The kernel's boot interface: objects built directly, quotas applying. */
    public final Boot boot() {
        return kernel.boot();
    }

    /** The root activity's oid. */
    public final int rootActivity() {
        return kernel.rootActivity();
    }

    /**
     * A child activity of {@code parent} (quota 0: none of its own) that pays for a principal's objects,
     * named and given a role for diagrams.
     */
    public final int activity(int parent, long quota, String name, String role) throws PersonalityException {
        try {
            int oid = boot().activity(parent, quota);
            label(oid, name, role);
            return oid;
        } catch (KernelException e) {
            throw refusal(e);
        }
    }

    /**
     * Allocates a kernel object of {@code type} charged to {@code activity}; an exhausted quota is the
     * refusal {@code ENOMEM}. {@code name} and {@code role} label it in diagrams (null: no label).
     */
    public final int allocate(CapType type, int activity, String name, String role) throws PersonalityException {
        try {
            int oid = boot().allocate(type, activity);
            label(oid, name, role);
            return oid;
        } catch (KernelException e) {
            throw refusal(e);
        }
    }

    /** Frees the object {@code oid} (an activity with everything below it) and forgets the labels of what went. */
    public final void free(int oid) throws PersonalityException {
        try {
            boot().free(oid);
        } catch (KernelException e) {
            throw refusal(e);
        }
        names.keySet().removeIf(o -> kernel.heap().get(o) == null);
        roles.keySet().removeIf(o -> kernel.heap().get(o) == null);
    }

    /** Writes {@code bytes} (no capabilities) into the frame {@code oid}. */
    public final void writeBytes(int frame, byte[] bytes) throws PersonalityException {
        try {
            boot().writeFrame(frame, new int[0], bytes);
        } catch (KernelException e) {
            throw refusal(e);
        }
    }

    /** Names and gives a role to the object {@code oid} for diagrams (null leaves it as it is). */
    public final void label(int oid, String name, String role) {
        if (name != null) {
            names.put(oid, name);
        }
        if (role != null) {
            roles.put(oid, role);
        }
    }

    /** A kernel refusal as the personality's: same error word, same message. */
    public static PersonalityException refusal(KernelException e) {
        KernelError err = e.error();
        String msg = e.getMessage();
        String prefix = err + ": ";
        return new PersonalityException(err.name(), msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg);
    }

    @SuppressWarnings("unchecked")
    protected final W self() {
        return (W) this;
    }
}
