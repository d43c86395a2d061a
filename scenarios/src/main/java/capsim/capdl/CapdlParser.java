package capsim.capdl;

import capsim.capdl.Ast.CapDecl;
import capsim.capdl.Ast.CapMapping;
import capsim.capdl.Ast.CapNameDecl;
import capsim.capdl.Ast.CdtDecl;
import capsim.capdl.Ast.Decl;
import capsim.capdl.Ast.DomainDecl;
import capsim.capdl.Ast.IrqDecl;
import capsim.capdl.Ast.IrqMapping;
import capsim.capdl.Ast.NameRef;
import capsim.capdl.Ast.ObjDecl;
import capsim.capdl.Ast.Param;
import capsim.capdl.Ast.Range;
import capsim.capdl.Ast.SlotRef;
import capsim.capdl.CapdlLexer.Kind;
import capsim.capdl.CapdlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the capDL language into an {@link Ast.Module}: the grammar of capDL-tool's {@code CapDL/Parser.hs}
 * and {@code CapDL/ParserUtils.hs} (capDL.md's BNF is older and narrower): {@code arch}, then any number of
 * {@code objects}, {@code caps}, {@code irq maps}, {@code cdt} and {@code domains} sections.
 *
 * <p>Where capDL-tool lists object and cap parameters one production each, this parser reads any
 * parenthesised, comma-separated list and keeps each item as {@code key: value} or as a bare phrase; the
 * model builder interprets the ones it knows and keeps the rest. That is deliberate: generators (CAmkES'
 * python-capdl, the kernel's dump) write parameters capDL-tool's grammar has gained or lost over the years.
 */
final class CapdlParser {
    /** capDL-tool's symbolic TCB slots ({@code CapDL/Model.hs}: tcbCTableSlot ...). */
    static final Map<String, Long> SYMBOLIC_SLOTS = Map.of(
            "cspace", 0L, "vspace", 1L, "reply_slot", 2L, "caller_slot", 3L, "ipc_buffer_slot", 4L,
            "fault_ep_slot", 5L, "sc_slot", 6L, "temp_fault_ep_slot", 7L, "bound_notification", 8L, "bound_vcpu", 9L);

    private final String src;
    private final List<Token> toks;
    private int p;

    private CapdlParser(String src, List<Token> toks) {
        this.src = src;
        this.toks = toks;
    }

    /** Parses {@code text} (named {@code file} in messages). */
    static Ast.Module parse(String file, String text) throws CapdlException {
        CapdlParser parser = new CapdlParser(text, CapdlLexer.tokens(file, text));
        boolean dump = text.lines().findFirst().map(String::strip).orElse("").equals("-- Dump");
        return parser.module(dump);
    }

    private Ast.Module module(boolean dump) throws CapdlException {
        Token arch = expectIdent("arch", "a capDL file starts with 'arch NAME'");
        Token name = next();
        if (name.kind() != Kind.IDENT) {
            throw error(name, "expected an architecture name after 'arch', found " + name.describe());
        }
        List<Decl> decls = new ArrayList<>();
        do {
            section(decls);
        } while (peek().kind() != Kind.EOF);
        return new Ast.Module(name.text(), arch.pos(), decls, dump);
    }

    private void section(List<Decl> out) throws CapdlException {
        Token t = next();
        switch (t.kind() == Kind.IDENT ? t.text() : "") {
            case "objects" -> {
                expect("{");
                while (!peek().is("}")) {
                    out.add(objDecl());
                }
                expect("}");
            }
            case "caps" -> {
                expect("{");
                while (!peek().is("}")) {
                    out.add(capDeclOrName());
                }
                expect("}");
            }
            case "irq" -> {
                expectIdent("maps", "expected 'irq maps'");
                expect("{");
                List<IrqMapping> ms = new ArrayList<>();
                while (!peek().is("}")) {
                    SourcePos at = peek().pos();
                    Long slot = maybeSlot();
                    ms.add(new IrqMapping(slot, nameRef(), at));
                    optional(";");
                }
                expect("}");
                out.add(new IrqDecl(ms, t.pos()));
            }
            case "cdt" -> {
                expect("{");
                while (!peek().is("}")) {
                    out.add(cdtDecl(slotRef()));
                }
                expect("}");
            }
            case "domains" -> {
                Token open = expect("{");
                int depth = 1;
                while (depth > 0) {
                    Token x = next();
                    if (x.kind() == Kind.EOF) {
                        throw error(open, "'domains {' is not closed");
                    }
                    depth += x.is("{") ? 1 : x.is("}") ? -1 : 0;
                }
                out.add(new DomainDecl(src.substring(open.start(), toks.get(p - 1).end()), t.pos()));
            }
            default -> throw error(t, "expected a section ('objects', 'caps', 'irq maps', 'cdt' or 'domains'), found "
                    + t.describe());
        }
    }

    // ---- objects

    private ObjDecl objDecl() throws CapdlException {
        SourcePos at = peek().pos();
        List<NameRef> qname = qname();
        expect("=");
        return objectAfterEquals(qname, at);
    }

    private ObjDecl objectAfterEquals(List<NameRef> qname, SourcePos at) throws CapdlException {
        Token type = next();
        if (type.kind() != Kind.IDENT) {
            throw error(type, "expected an object type after '=', found " + type.describe());
        }
        List<Param> params = peek().is("(") ? params() : List.of();
        List<Object> children = new ArrayList<>();
        boolean body = false;
        if (peek().is("{")) {
            body = true;
            next();
            while (!peek().is("}")) {
                SourcePos cat = peek().pos();
                List<NameRef> q = qname();
                if (peek().is("=")) {
                    next();
                    children.add(objectAfterEquals(q, cat));
                } else {
                    if (q.size() != 1) {
                        throw error(peek(), "expected '=' after the qualified name " + q);
                    }
                    children.add(q.get(0));
                    if (peek().is("(")) {
                        params(); // the kernel's dump lists an untyped's children with their cap attributes
                    }
                }
                optional(",");
            }
            expect("}");
        }
        return new ObjDecl(List.copyOf(qname), type.text(), type.pos(), params, children, body, at);
    }

    private List<NameRef> qname() throws CapdlException {
        List<NameRef> q = new ArrayList<>();
        q.add(nameRef());
        while (peek().is("/")) {
            next();
            q.add(nameRef());
        }
        return q;
    }

    private NameRef nameRef() throws CapdlException {
        Token n = next();
        if (n.kind() != Kind.IDENT) {
            throw error(n, "expected a name, found " + n.describe());
        }
        if (!peek().is("[")) {
            return new NameRef(n.text(), List.of(), false, n.pos());
        }
        next();
        List<Range> rs = new ArrayList<>();
        if (peek().is("]")) {
            next();
            return new NameRef(n.text(), List.of(Range.ALL), true, n.pos());
        }
        do {
            rs.add(range());
        } while (optional(","));
        expect("]");
        return new NameRef(n.text(), List.copyOf(rs), true, n.pos());
    }

    private Range range() throws CapdlException {
        if (peek().is("..")) {
            next();
            return new Range(null, number(), true);
        }
        long a = number();
        if (peek().is("..")) {
            next();
            if (peek().kind() == Kind.NUMBER) {
                return new Range(a, number(), true);
            }
            return new Range(a, null, true);
        }
        return new Range(a, a, false);
    }

    /** {@code ( item, item, ... )}, each item kept as {@code key: value} or a bare phrase. */
    private List<Param> params() throws CapdlException {
        Token open = expect("(");
        List<Param> out = new ArrayList<>();
        while (true) {
            int first = p;
            int depth = 0;
            while (true) {
                Token t = peek();
                if (t.kind() == Kind.EOF) {
                    throw error(open, "'(' is not closed");
                }
                if (depth == 0 && (t.is(",") || t.is(")"))) {
                    break;
                }
                if (t.is("(") || t.is("[") || t.is("{")) {
                    depth++;
                } else if (t.is(")") || t.is("]") || t.is("}")) {
                    depth--;
                }
                next();
            }
            if (p > first) {
                out.add(param(first, p));
            }
            if (next().is(")")) {
                return List.copyOf(out);
            }
        }
    }

    private Param param(int from, int to) {
        Token first = toks.get(from);
        if (to - from >= 2 && first.kind() == Kind.IDENT && toks.get(from + 1).is(":")) {
            String value = to - from > 2 ? text(from + 2, to) : "";
            return new Param(first.text(), value, first.pos());
        }
        return new Param("", text(from, to), first.pos());
    }

    private String text(int from, int to) {
        return src.substring(toks.get(from).start(), toks.get(to - 1).end()).replaceAll("\\s+", " ");
    }

    // ---- caps

    private Decl capDeclOrName() throws CapdlException {
        Token first = peek();
        if (first.kind() == Kind.IDENT && ahead(1).is("=")) {
            next();
            next();
            expect("(");
            NameRef obj = nameRef();
            expect(",");
            long slot = slot();
            expect(")");
            return new CapNameDecl(first.text(), obj, slot, first.pos());
        }
        NameRef container = nameRef();
        expect("{");
        List<CapMapping> ms = new ArrayList<>();
        while (!peek().is("}")) {
            ms.add(capMapping());
            optional(";");
        }
        expect("}");
        return new CapDecl(container, List.copyOf(ms), container.pos());
    }

    private CapMapping capMapping() throws CapdlException {
        SourcePos at = peek().pos();
        Long slot = maybeSlot();
        NameRef name = null;
        if (peek().kind() == Kind.IDENT) {
            int save = p;
            NameRef n = nameRef();
            if (peek().is("=")) {
                next();
                name = n;
            } else {
                p = save;
            }
        }
        boolean copy = false;
        NameRef target;
        if (peek().is("<")) {
            next();
            target = nameRef();
            expect(">");
            copy = true;
        } else {
            target = nameRef();
        }
        List<Param> params = peek().is("(") ? params() : List.of();
        SlotRef parent = null;
        if (peek().is("-") && ahead(1).is("child_of")) {
            next();
            next();
            parent = slotRef();
        }
        return new CapMapping(slot, name, target, copy, params, parent, at);
    }

    private Long maybeSlot() throws CapdlException {
        Token t = peek();
        if (ahead(1).is(":") && (t.kind() == Kind.NUMBER || t.kind() == Kind.IDENT)) {
            long s = slot();
            expect(":");
            return s;
        }
        return null;
    }

    private long slot() throws CapdlException {
        Token t = next();
        if (t.kind() == Kind.NUMBER) {
            return t.value();
        }
        if (t.kind() == Kind.IDENT && SYMBOLIC_SLOTS.containsKey(t.text())) {
            return SYMBOLIC_SLOTS.get(t.text());
        }
        throw error(t, "expected a slot number or one of " + String.join(", ", SYMBOLIC_SLOTS.keySet().stream().sorted().toList())
                + ", found " + t.describe());
    }

    private SlotRef slotRef() throws CapdlException {
        SourcePos at = peek().pos();
        if (peek().is("(")) {
            next();
            NameRef obj = nameRef();
            expect(",");
            long slot = slot();
            expect(")");
            return new SlotRef(obj, slot, at);
        }
        return new SlotRef(nameRef(), null, at);
    }

    private CdtDecl cdtDecl(SlotRef parent) throws CapdlException {
        expect("{");
        List<Object> children = new ArrayList<>();
        while (!peek().is("}")) {
            SlotRef child = slotRef();
            children.add(peek().is("{") ? cdtDecl(child) : child);
            optional(";");
        }
        expect("}");
        return new CdtDecl(parent, List.copyOf(children), parent.pos());
    }

    // ---- tokens

    private long number() throws CapdlException {
        Token t = next();
        if (t.kind() != Kind.NUMBER) {
            throw error(t, "expected a number, found " + t.describe());
        }
        return t.value();
    }

    private Token peek() {
        return toks.get(p);
    }

    private Token ahead(int k) {
        return toks.get(Math.min(p + k, toks.size() - 1));
    }

    private Token next() {
        Token t = toks.get(p);
        if (t.kind() != Kind.EOF) {
            p++;
        }
        return t;
    }

    private boolean optional(String sym) {
        if (peek().is(sym)) {
            next();
            return true;
        }
        return false;
    }

    private Token expect(String sym) throws CapdlException {
        Token t = next();
        if (!t.is(sym)) {
            throw error(t, "expected '" + sym + "', found " + t.describe());
        }
        return t;
    }

    private Token expectIdent(String word, String message) throws CapdlException {
        Token t = next();
        if (t.kind() != Kind.IDENT || !t.text().equals(word)) {
            throw error(t, message + ", found " + t.describe());
        }
        return t;
    }

    private static CapdlException error(Token t, String message) {
        return new CapdlException(t.pos(), message);
    }
}
