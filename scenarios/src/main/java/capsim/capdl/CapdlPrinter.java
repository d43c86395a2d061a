package capsim.capdl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link CapdlModel} as capDL text that {@link Capdl#parse} reads back to an equal model (and that
 * capDL-tool reads, as long as the model uses nothing capDL-tool lacks). Objects come first, arrays written
 * once ({@code f[4] = frame (4k)}); each untyped's cover is a second declaration of the untyped with a body
 * naming what it covers (capDL.md allows an untyped to be declared again); TCB slots use their symbolic
 * names; copies of named caps are written as the caps they resolved to.
 */
public final class CapdlPrinter {
    private static final String[] TCB_SLOTS = {"cspace", "vspace", "reply_slot", "caller_slot", "ipc_buffer_slot",
        "fault_ep_slot", "sc_slot", "temp_fault_ep_slot", "bound_notification", "bound_vcpu"};

    private CapdlPrinter() {
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_@.\\-]*");

    /**
     * The capDL text of {@code m}.
     *
     * @throws IllegalArgumentException when an object cannot be declared in capDL: a name capDL cannot write, or
     *     one element of an array whose other elements do not exist
     */
    public static String print(CapdlModel m) {
        for (ObjId id : m.objects().keySet()) {
            if (!NAME.matcher(id.name()).matches()) {
                throw new IllegalArgumentException("'" + id + "' is not a name capDL can write");
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("arch ").append(m.arch()).append("\n\nobjects {\n");
        Map<String, List<ObjId>> arrays = arrays(m);
        for (Map.Entry<ObjId, KObject> e : m.objects().entrySet()) {
            ObjId id = e.getKey();
            KObject o = e.getValue();
            List<ObjId> group = arrays.get(id.name());
            if (id.indexed() && group != null) {
                if (id.index() == 0) {
                    sb.append("  ").append(id.name()).append('[').append(group.size()).append("] = ").append(decl(o)).append('\n');
                }
                continue;
            }
            if (id.indexed()) {
                throw new IllegalArgumentException("'" + id + "' is not part of a whole array " + id.name() + "[0..]; capDL cannot declare it");
            }
            sb.append("  ").append(id).append(" = ").append(decl(o)).append('\n');
        }
        m.covers().forEach((ut, ids) -> {
            sb.append("  ").append(ut).append(" = ut {");
            for (int i = 0; i < ids.size(); i++) {
                sb.append(i == 0 ? " " : ", ").append(ids.get(i));
            }
            sb.append(" }\n");
        });
        sb.append("}\n\ncaps {\n");
        m.objects().forEach((id, o) -> {
            if (o.slots().isEmpty()) {
                return;
            }
            sb.append("  ").append(id).append(" {\n");
            o.slots().forEach((slot, cap) -> sb.append("    ").append(slotName(o.type(), slot)).append(": ").append(cap(cap)).append('\n'));
            sb.append("  }\n");
        });
        sb.append("}\n");
        if (!m.irqs().isEmpty()) {
            sb.append("\nirq maps {\n");
            m.irqs().forEach((irq, id) -> sb.append("  ").append(irq).append(": ").append(id).append('\n'));
            sb.append("}\n");
        }
        if (!m.cdt().isEmpty()) {
            Map<CapSlot, List<CapSlot>> children = new TreeMap<>();
            m.cdt().forEach((child, parent) -> children.computeIfAbsent(parent, k -> new ArrayList<>()).add(child));
            sb.append("\ncdt {\n");
            children.forEach((parent, kids) -> {
                sb.append("  ").append(parent).append(" {");
                for (CapSlot k : kids) {
                    sb.append(' ').append(k).append(';');
                }
                sb.append(" }\n");
            });
            sb.append("}\n");
        }
        if (m.domains() != null) {
            sb.append("\ndomains ").append(m.domains()).append('\n');
        }
        return sb.toString();
    }

    /** Names whose indexed objects are a whole array name[0..n-1] of one kind and one set of parameters. */
    private static Map<String, List<ObjId>> arrays(CapdlModel m) {
        Map<String, List<ObjId>> byName = new LinkedHashMap<>();
        for (ObjId id : m.objects().keySet()) {
            if (id.indexed()) {
                byName.computeIfAbsent(id.name(), k -> new ArrayList<>()).add(id);
            }
        }
        Map<String, List<ObjId>> out = new LinkedHashMap<>();
        byName.forEach((name, ids) -> {
            KObject first = m.object(ObjId.of(name, 0));
            boolean whole = first != null && !m.objects().containsKey(ObjId.of(name));
            for (long i = 0; whole && i < ids.size(); i++) {
                KObject o = m.object(ObjId.of(name, i));
                whole = o != null && o.type() == first.type() && o.params().equals(first.params());
            }
            if (whole) {
                out.put(name, ids);
            }
        });
        return out;
    }

    private static String decl(KObject o) {
        StringBuilder sb = new StringBuilder(o.type().keyword());
        if (!o.params().isEmpty()) {
            sb.append(" (");
            for (int i = 0; i < o.params().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(o.params().get(i));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String slotName(ObjectType container, long slot) {
        if (container == ObjectType.TCB && slot >= 0 && slot < TCB_SLOTS.length) {
            return TCB_SLOTS[(int) slot];
        }
        return String.valueOf(slot);
    }

    /** One capability as a caps block writes it: {@code target (RW, badge: 3)}. */
    public static String cap(Cap c) {
        List<String> params = new ArrayList<>();
        if (!c.rights().isEmpty()) {
            params.add(c.rightsText());
        }
        if (c.badge() != 0) {
            params.add("badge: " + c.badge());
        }
        if (c.guard() != 0 || c.guardSize() != 0) {
            params.add("guard: " + c.guard());
            params.add("guard_size: " + c.guardSize());
        }
        if (c.type() == CapType.REPLY) {
            params.add("reply");
        } else if (c.type() == CapType.MASTER_REPLY) {
            params.add("master_reply");
        }
        c.attributes().forEach((k, v) -> {
            switch (k) {
                case "cached" -> params.add("false".equals(v) ? "uncached" : "cached");
                case "executable" -> params.add("true".equals(v) ? "executable" : "execute_never");
                default -> params.add(k + ": " + v);
            }
        });
        String target = c.type().hasObject() ? c.target().toString() : c.type().reservedName();
        return params.isEmpty() ? target : target + " (" + String.join(", ", params) + ")";
    }
}
