package capsim.capdl;

import java.util.List;

/** The syntax tree of a capDL module, as {@link CapdlParser} reads it (capDL-tool's {@code CapDL/AST.hs}). */
final class Ast {
    private Ast() {
    }

    /** A whole file: the {@code arch} line and its sections in order. */
    record Module(String arch, SourcePos archPos, List<Decl> decls, boolean dump) {
    }

    /** {@code name}, {@code name[3]}, {@code name[1..4, 7]} or {@code name[]}. {@code ranges} is empty when none. */
    record NameRef(String name, List<Range> ranges, boolean brackets, SourcePos pos) {
        @Override
        public String toString() {
            if (!brackets) {
                return name;
            }
            return name + "[" + String.join(", ", ranges.stream().map(Range::toString).toList()) + "]";
        }
    }

    /** One range inside brackets: {@code a..b}, {@code ..b}, {@code a..}, {@code a}; an empty pair of brackets is all. */
    record Range(Long from, Long to, boolean dots) {
        static final Range ALL = new Range(null, null, true);

        boolean only() {
            return !dots;
        }

        @Override
        public String toString() {
            if (!dots) {
                return String.valueOf(from);
            }
            return (from == null ? "" : String.valueOf(from)) + ".." + (to == null ? "" : String.valueOf(to));
        }
    }

    /** An object parameter or a cap parameter: {@code key: value} or, with an empty key, a bare phrase such as {@code 12 bits}. */
    record Param(String key, String value, SourcePos pos) {
        @Override
        public String toString() {
            return key.isEmpty() ? value : key + ": " + value;
        }
    }

    /** A declaration in one of the sections. */
    sealed interface Decl permits ObjDecl, CapDecl, CapNameDecl, IrqDecl, CdtDecl, DomainDecl {
    }

    /** {@code a/b/c[n] = type (params) { children }}: {@code qname} is the path of untypeds ending in the declared name. */
    record ObjDecl(List<NameRef> qname, String type, SourcePos typePos, List<Param> params, List<Object> children,
                   boolean hasBody, SourcePos pos) implements Decl {
        NameRef base() {
            return qname.get(qname.size() - 1);
        }
    }

    /** {@code container { mappings }}. */
    record CapDecl(NameRef container, List<CapMapping> mappings, SourcePos pos) implements Decl {
    }

    /** {@code name = (object, slot)}. */
    record CapNameDecl(String name, NameRef object, long slot, SourcePos pos) implements Decl {
    }

    /** The {@code irq maps} section. */
    record IrqDecl(List<IrqMapping> mappings, SourcePos pos) implements Decl {
    }

    /** {@code slot: irq_object} (slot may be left out). */
    record IrqMapping(Long slot, NameRef irq, SourcePos pos) {
    }

    /** {@code parent { children }} in the {@code cdt} section; children are {@link SlotRef} or nested {@link CdtDecl}. */
    record CdtDecl(SlotRef parent, List<Object> children, SourcePos pos) implements Decl {
    }

    /** The {@code domains} section, kept as written (only a system initialiser needs it). */
    record DomainDecl(String text, SourcePos pos) implements Decl {
    }

    /** {@code (object, slot)} or the name of a named cap. */
    record SlotRef(NameRef object, Long slot, SourcePos pos) {
        boolean named() {
            return slot == null;
        }
    }

    /**
     * One line of a {@code caps} block: {@code slot: name = target (params) - child_of parent}, or a copy
     * {@code slot: <capname> (masked: R)}. {@code slot} and {@code name} may be absent.
     */
    record CapMapping(Long slot, NameRef name, NameRef target, boolean copy, List<Param> params, SlotRef parent,
                      SourcePos pos) {
    }
}
