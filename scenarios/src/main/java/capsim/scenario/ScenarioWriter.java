package capsim.scenario;

import capsim.kernel.Action;
import capsim.kernel.Kernel;
import capsim.kernel.Operation;
import capsim.kernel.Rights;
import capsim.kernel.Spec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a state and a list of actions as a scenario file that {@link Parser} reads back to the same
 * actions: how the property checker turns a shrunk counterexample into something {@code capsim run}
 * replays. Steps use literal addresses (exactly what the kernel was given) and carry the outcome each
 * had, so a replay that diverges fails at the step where it does.
 */
public final class ScenarioWriter {
    private ScenarioWriter() {
    }

    /** The header of the file to write. */
    public record Header(String title, String variant, int workBound, long rootQuota, List<String> invariants, List<String> comments) {
        public Header {
            invariants = List.copyOf(invariants);
            comments = List.copyOf(comments);
        }
    }

    /**
     * @param names    name → oid for the spec's objects (as {@link Spec#build} returned)
     * @param outcomes the outcome word of each action ({@code ok}, an {@code Outcome} name or an error name), or null
     */
    public static String write(Header h, Spec spec, Map<String, Integer> names, List<Action> actions, List<String> outcomes) {
        Map<Integer, String> byOid = new HashMap<>();
        names.forEach((n, o) -> byOid.put(o, n));
        StringBuilder b = new StringBuilder();
        for (String c : h.comments()) {
            for (String line : c.split("\n")) {
                b.append("# ").append(line).append('\n');
            }
        }
        b.append("scenario ").append(Bytes.quote(h.title().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).append('\n');
        b.append("variant ").append(h.variant()).append('\n');
        if (h.workBound() != Kernel.DEFAULT_WORK_BOUND) {
            b.append("work-bound ").append(h.workBound()).append('\n');
        }
        if (h.rootQuota() != 0) {
            b.append("root-quota ").append(h.rootQuota()).append('\n');
        }
        if (!h.invariants().isEmpty()) {
            b.append("check invariant ").append(String.join(" ", h.invariants())).append('\n');
        }
        b.append('\n');
        for (Spec.Decl d : spec.decls()) {
            b.append(decl(d)).append('\n');
        }
        b.append('\n');
        for (int i = 0; i < actions.size(); i++) {
            b.append(step(actions.get(i), byOid));
            if (outcomes != null && outcomes.get(i) != null) {
                b.append(" => ").append(outcomes.get(i));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String decl(Spec.Decl d) {
        return switch (d) {
            case Spec.ActivityDecl a -> "activity " + name(a.name()) + (a.parent() == null || a.parent().equals(Spec.ROOT)
                    ? "" : " in " + name(a.parent())) + (a.quota() != 0 ? " quota " + a.quota() : "");
            case Spec.ObjectDecl o -> o.type().word() + " " + name(o.name()) + " in " + name(o.activity());
            case Spec.SlotDecl s -> "slot " + name(s.page()) + "[" + s.slot() + "] = " + target(s.target(), s.rights())
                    + (s.target() != null && s.payload() != 0 ? " pp " + s.payload() : "");
            case Spec.ThreadDecl t -> "setup thread " + name(t.thread()) + " root " + name(t.asRoot()) + " activity " + name(t.activity());
            case Spec.BufferSlotDecl s -> "setup buffer " + name(s.buffer()) + " " + s.slot().word() + " = " + target(s.target(), s.rights());
            case Spec.BufferDecl bd -> "setup buffer " + name(bd.buffer()) + " flags " + Flags.text(bd.flags()) + " id " + bd.id()
                    + (bd.blocked() ? " blocked" : "");
            case Spec.MessageDecl m -> "setup frame " + name(m.frame()) + " caps " + Addresses.text(m.caps()) + " bytes " + Bytes.quote(m.bytes());
        };
    }

    private static String target(String t, Rights r) {
        return t == null ? "void" : name(t) + " " + r.word();
    }

    private static String name(String n) {
        if (!n.equals(Spec.ROOT) && !Parser.isName(n)) {
            throw new IllegalArgumentException("'" + n + "' cannot be written as a scenario name");
        }
        return n;
    }

    static String step(Action action, Map<Integer, String> byOid) {
        String t = byOid.get(action.thread());
        boolean kernel = action.thread() == capsim.kernel.KernelObject.NO_OID;
        if (!kernel && t == null) {
            throw new IllegalArgumentException("thread #" + action.thread() + " has no name");
        }
        Operation<?> op = action.operation();
        return (kernel ? "kernel" : t) + " " + StepText.write(op, op.values(action));
    }
}
