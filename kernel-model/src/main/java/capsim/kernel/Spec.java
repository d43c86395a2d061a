package capsim.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A declarative initial state, in the spirit of capDL: named objects, which activity each is allocated
 * from, and which capability sits in which slot. Scenario files declare one, the checker generates one,
 * counterexamples print one. The root activity is always named {@value #ROOT}.
 */
public final class Spec {
    public static final String ROOT = "root";

    /** One declaration. Names refer to earlier declarations. */
    public sealed interface Decl {
    }

    /** A child activity of {@code parent} (null: the root). */
    public record ActivityDecl(String name, String parent, long quota) implements Decl {
    }

    /** A thread, cappage, frame, buffer or queue allocated from {@code activity}. */
    public record ObjectDecl(String name, CapType type, String activity) implements Decl {
    }

    /** Slot {@code slot} of cappage {@code page} holds a capability to {@code target} (null: void). */
    public record SlotDecl(String page, int slot, String target, Rights rights, long payload) implements Decl {
    }

    /** A thread's address-space root and activity. */
    public record ThreadDecl(String thread, String asRoot, String activity) implements Decl {
    }

    /** A buffer slot holds a capability to {@code target} (null: void). */
    public record BufferSlotDecl(String buffer, BufferSlot slot, String target, Rights rights) implements Decl {
    }

    /** A buffer's flags, id and blocked state. */
    public record BufferDecl(String buffer, int flags, long id, boolean blocked) implements Decl {
    }

    /** A frame's message page. */
    public record MessageDecl(String frame, int[] caps, byte[] bytes) implements Decl {
        public MessageDecl {
            caps = caps.clone();
            bytes = bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageDecl m && m.frame.equals(frame) && Arrays.equals(m.caps, caps)
                    && Arrays.equals(m.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return frame.hashCode() * 31 + Arrays.hashCode(caps) * 17 + Arrays.hashCode(bytes);
        }
    }

    private final List<Decl> decls;

    public Spec(List<Decl> decls) {
        this.decls = List.copyOf(decls);
    }

    public List<Decl> decls() {
        return decls;
    }

    /**
     * Builds this state in {@code k} (a fresh kernel) and returns name → oid, the root included.
     *
     * @throws IllegalArgumentException naming the declaration when a name is undefined or reused
     * @throws KernelException when the kernel refuses (a quota exhausted by the declarations)
     */
    public Map<String, Integer> build(Kernel k) {
        Boot boot = k.boot();
        Map<String, Integer> names = new LinkedHashMap<>();
        names.put(ROOT, k.rootActivity());
        for (Decl d : decls) {
            switch (d) {
                case ActivityDecl a -> {
                    requireNew(names, a.name(), d);
                    names.put(a.name(), boot.activity(oid(names, a.parent() == null ? ROOT : a.parent(), d), a.quota()));
                }
                case ObjectDecl o -> {
                    requireNew(names, o.name(), d);
                    names.put(o.name(), boot.allocate(o.type(), oid(names, o.activity(), d)));
                }
                case SlotDecl s -> boot.setSlot(oid(names, s.page(), d), s.slot(), capTo(boot, names, s.target(), s.rights(), s.payload(), d));
                case ThreadDecl t -> boot.configureThread(oid(names, t.thread(), d), oid(names, t.asRoot(), d), oid(names, t.activity(), d));
                case BufferSlotDecl b -> boot.setBufferSlot(oid(names, b.buffer(), d), b.slot(), capTo(boot, names, b.target(), b.rights(), 0, d));
                case BufferDecl b -> {
                    int oid = oid(names, b.buffer(), d);
                    boot.configureBuffer(oid, b.flags(), b.id());
                    boot.setBlocked(oid, b.blocked());
                }
                case MessageDecl m -> boot.writeFrame(oid(names, m.frame(), d), m.caps(), m.bytes());
            }
        }
        return Collections.unmodifiableMap(names);
    }

    private static Capability capTo(Boot boot, Map<String, Integer> names, String target, Rights rights, long payload, Decl d) {
        if (target == null) {
            return Capability.VOID;
        }
        return boot.cap(oid(names, target, d), rights, payload);
    }

    private static int oid(Map<String, Integer> names, String name, Decl d) {
        Integer oid = names.get(name);
        if (oid == null) {
            throw new IllegalArgumentException("'" + name + "' is not declared (in " + d + ")");
        }
        return oid;
    }

    private static void requireNew(Map<String, Integer> names, String name, Decl d) {
        if (names.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is declared twice (in " + d + ")");
        }
    }

    /** A builder for specs in code (tests, generators). */
    public static final class Builder {
        private final List<Decl> decls = new ArrayList<>();

        public Builder add(Decl d) {
            decls.add(d);
            return this;
        }

        public Spec build() {
            return new Spec(decls);
        }
    }
}
