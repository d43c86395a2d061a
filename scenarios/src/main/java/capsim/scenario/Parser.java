package capsim.scenario;

import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.CapType;
import capsim.kernel.Kernel;
import capsim.kernel.KernelError;
import capsim.kernel.Operation;
import capsim.kernel.Operations;
import capsim.kernel.Outcome;
import capsim.kernel.Rights;
import capsim.kernel.Spec;
import capsim.kernel.check.Invariants;
import capsim.kernel.variant.Variant;
import capsim.kernel.variant.Variants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the scenario language (docs/scenario-language.md). Line oriented: one statement a line, {@code #}
 * comments, blank lines ignored. Every error is a {@link ScenarioException} with {@code file:line:col} and
 * what was expected there; names are checked as they are read, so a scenario that parses refers only to
 * things it declared (or bound with {@code as}).
 */
public final class Parser {
    private final String file;
    private String title;
    private Variant variant;
    private int workBound = Kernel.DEFAULT_WORK_BOUND;
    private long rootQuota;
    private final List<String> invariants = new ArrayList<>();
    private final List<Spec.Decl> decls = new ArrayList<>();
    private final List<Integer> declLines = new ArrayList<>();
    private final List<Scenario.Item> items = new ArrayList<>();
    /** Declared and bound names with their types (null type: bound by a step, type known only at run time). */
    private final Map<String, CapType> names = new HashMap<>();
    private boolean stepsStarted;
    /** Set when the variant line names a personality: the rest of the file is read as its {@link Script}. */
    private ScriptReader script;
    /** The statements only {@code capsim explore} runs (programs, any, symmetric). */
    private final ExploreReader explore = new ExploreReader(this);
    private ExploreReader.Section exploreSection;

    /** The operations a step may name. */
    private final Operations operations;
    /** How a step's arguments are checked against the names this file declared. */
    private final StepText.Names stepNames = new StepText.Names() {
        public Ref ref(Line l, String what) throws ScenarioException {
            return Parser.this.ref(l, what);
        }

        public List<Ref> refList(Line l) throws ScenarioException {
            return Parser.this.refList(l);
        }

        public void requireFits(Line l, int caps, int bytes) throws ScenarioException {
            Parser.this.requireFits(l, caps, bytes);
        }
    };

    private Parser(String file, Operations operations) {
        this.file = file;
        this.operations = operations;
        names.put(Spec.ROOT, CapType.ACTIVITY);
    }

    /** Parses a Viengoos-model scenario file; the name used in messages is the path as given. */
    public static Scenario parse(Path path) throws ScenarioException {
        return viengoos(load(path));
    }

    /** Parses Viengoos-model scenario text; {@code file} names it in messages. */
    public static Scenario parse(String file, String text) throws ScenarioException {
        return viengoos(load(file, text));
    }

    private static Scenario viengoos(ScenarioFile f) throws ScenarioException {
        if (f instanceof Scenario s) {
            return s;
        }
        throw new ScenarioException(f.file(), 2, 1, "'variant " + f.variantName()
                + "' is a personality: this needs a Viengoos-model scenario");
    }

    /** Parses a scenario file of any variant or personality; the name used in messages is the path as given. */
    public static ScenarioFile load(Path path) throws ScenarioException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ScenarioException(path.toString(), 1, 1, "the file is not UTF-8 text");
        } catch (IOException e) {
            throw new ScenarioException(path.toString(), 1, 1, "cannot read the file: " + e.getMessage());
        }
        return load(path.toString(), text);
    }

    /** Parses scenario text of any variant or personality; {@code file} names it in messages. */
    public static ScenarioFile load(String file, String text) throws ScenarioException {
        return load(file, text, Operations.SHIPPED);
    }

    /**
     * Parses scenario text whose steps may name any of {@code operations} (the shipped ones and, say, a test's
     * own: see docs/scenario-language.md, "Adding an operation").
     */
    public static ScenarioFile load(String file, String text, Operations operations) throws ScenarioException {
        return new Parser(file, operations).run(text);
    }

    private ScenarioFile run(String text) throws ScenarioException {
        // A UTF-8 byte-order mark (U+FEFF as Java reads it) at the start of a file is not content: skip it, so
        // columns on the first line count from the first real character.
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            List<Token> toks = Lexer.tokens(file, lineNo, raw);
            if (toks.isEmpty()) {
                continue;
            }
            Line line = new Line(file, lineNo, toks, raw.length() + 1, Lexer.code(raw));
            if (script != null) {
                script.statement(line);
            } else {
                statement(line);
            }
        }
        if (title == null) {
            throw new ScenarioException(file, 1, 1, "missing 'scenario \"<title>\"' (expected as the first line)");
        }
        if (variant == null) {
            throw new ScenarioException(file, Math.max(1, lineNo), 1, "missing 'variant <name>' (expected after the scenario line)");
        }
        if (script != null) {
            return script.script(title);
        }
        exploreSection = explore.finish(file);
        return new Scenario(file, title, variant, workBound, rootQuota, invariants, new Spec(decls), declLines, items);
    }

    private void statement(Line l) throws ScenarioException {
        Token first = l.next("a statement");
        if (title == null) {
            if (!first.is("scenario")) {
                throw l.error(first, "expected 'scenario \"<title>\"' as the first line, found " + first.describe());
            }
            title = l.string("the scenario title in quotes");
            l.end();
            return;
        }
        if (variant == null) {
            if (!first.is("variant")) {
                throw l.error(first, "expected 'variant <name>' after the scenario line, found " + first.describe());
            }
            List<String> known = new ArrayList<>(Variants.names());
            known.addAll(Dialects.names());
            Token v = l.word("a variant name (" + String.join(", ", known) + ")");
            var dialect = Dialects.byName(v.text());
            if (dialect.isPresent() && Variants.byName(v.text()).isEmpty()) {
                l.end();
                script = ScriptReader.of(file, dialect.get());
                variant = Variants.shipped().get(0);
                return;
            }
            variant = Variants.byName(v.text()).orElseThrow(() -> l.error(v,
                    "unknown variant '" + v.text() + "' (expected one of " + String.join(", ", known)
                            + "; one from your own jar needs --plugins JAR, see docs/extending.md)"));
            l.end();
            return;
        }
        if (first.kind() != Token.Kind.WORD) {
            throw l.error(first, "expected a statement, found " + first.describe());
        }
        if (explore.claims(l, first)) {
            return;
        }
        switch (first.text()) {
            case "scenario" -> throw l.error(first, "only one 'scenario' line is allowed in a file");
            case "variant" -> throw l.error(first, "only one 'variant' line is allowed in a file");
            case "work-bound" -> {
                header(l, first);
                workBound = (int) l.number("the work bound", Kernel.MIN_WORK_BOUND, 1_000_000);
                l.end();
            }
            case "root-quota" -> {
                header(l, first);
                rootQuota = l.number("the root activity's quota", 0, Long.MAX_VALUE);
                l.end();
            }
            case "check" -> {
                header(l, first);
                checkLine(l);
            }
            case "activity" -> activity(l, first);
            case "thread", "cappage", "frame", "buffer", "queue" -> object(l, first);
            case "slot" -> slot(l, first);
            case "setup" -> setup(l, first);
            case "expect" -> expect(l, first);
            case "kernel" -> kernelStep(l);
            default -> {
                if (names.get(first.text()) == CapType.THREAD || (names.containsKey(first.text()) && names.get(first.text()) == null)) {
                    step(l, first);
                } else if (names.containsKey(first.text())) {
                    throw l.error(first, "'" + first.text() + "' is not a thread, so it cannot start a step");
                } else {
                    throw l.error(first, "unknown word '" + first.text()
                            + "' (expected a declaration, 'expect', 'kernel', or a thread name starting a step)");
                }
            }
        }
    }

    private void header(Line l, Token first) throws ScenarioException {
        if (stepsStarted || !decls.isEmpty()) {
            throw l.error(first, "'" + first.text() + "' belongs in the header, before declarations and steps");
        }
    }

    private void checkLine(Line l) throws ScenarioException {
        Token w = l.word("'invariants' or 'invariant <name>...'");
        if (w.is("invariants")) {
            l.end();
            invariants.clear();
            invariants.addAll(Invariants.names());
            return;
        }
        if (!w.is("invariant")) {
            throw l.error(w, "expected 'invariants' or 'invariant <name>...', found " + w.describe());
        }
        do {
            Token n = l.word("an invariant name (" + String.join(", ", Invariants.names()) + ")");
            if (Invariants.byName(n.text()).isEmpty()) {
                throw l.error(n, "unknown invariant '" + n.text() + "' (expected one of " + String.join(", ", Invariants.names()) + ")");
            }
            invariants.add(n.text());
        } while (!l.atEnd());
    }

    // ------------------------------------------------------------------ declarations

    private void declaring(Line l, Token first) throws ScenarioException {
        if (stepsStarted) {
            throw l.error(first, "declarations must come before the first step");
        }
    }

    private void addDecl(Spec.Decl d, int line) {
        decls.add(d);
        declLines.add(line);
    }

    /** The words that start a statement of a Viengoos-model file (see {@link #statement}); they name nothing. */
    static final Set<String> STATEMENT_WORDS = Set.of("scenario", "variant", "work-bound", "root-quota", "check",
            "activity", "thread", "cappage", "frame", "buffer", "queue", "slot", "setup", "expect", "kernel");

    private String newName(Line l) throws ScenarioException {
        Token n = l.word("a new name");
        if (STATEMENT_WORDS.contains(n.text())) {
            throw StepWords.refused(l, n, "a name");
        }
        if (!isName(n.text())) {
            throw l.error(n, "'" + n.text() + "' is not a valid name (letters, digits, '_' and '-', starting with a letter)");
        }
        if (names.containsKey(n.text())) {
            throw l.error(n, "'" + n.text() + "' is already declared");
        }
        return n.text();
    }

    static boolean isName(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return !isOutcomeWord(s) && !s.equals("void") && !s.equals("none");
    }

    private String existing(Line l, CapType type, String what) throws ScenarioException {
        Token n = l.word(what);
        if (!names.containsKey(n.text())) {
            throw l.error(n, "'" + n.text() + "' is not declared (expected " + what + ")");
        }
        CapType t = names.get(n.text());
        if (type != null && t != null && t != type) {
            throw l.error(n, "'" + n.text() + "' is a " + t.word() + ", not a " + type.word());
        }
        return n.text();
    }

    private void activity(Line l, Token first) throws ScenarioException {
        declaring(l, first);
        String name = newName(l);
        String parent = null;
        long quota = 0;
        while (!l.atEnd()) {
            Token opt = l.word("'in <activity>' or 'quota <n>'");
            switch (opt.text()) {
                case "in" -> parent = existing(l, CapType.ACTIVITY, "a parent activity");
                case "quota" -> quota = l.number("a quota", 0, Long.MAX_VALUE);
                default -> throw l.error(opt, "expected 'in <activity>' or 'quota <n>', found " + opt.describe());
            }
        }
        names.put(name, CapType.ACTIVITY);
        addDecl(new Spec.ActivityDecl(name, parent, quota), l.lineNo);
    }

    private void object(Line l, Token first) throws ScenarioException {
        declaring(l, first);
        CapType type = CapType.fromWord(first.text());
        String name = newName(l);
        l.keyword("in", "'in <activity>'");
        String act = existing(l, CapType.ACTIVITY, "the activity it is allocated from");
        names.put(name, type);
        addDecl(new Spec.ObjectDecl(name, type, act), l.lineNo);
        switch (type) {
            case THREAD -> threadOptions(l, name, act);
            case FRAME -> frameOptions(l, name);
            case MESSAGE_BUFFER -> bufferOptions(l, name);
            default -> l.end();
        }
    }

    private void threadOptions(Line l, String name, String act) throws ScenarioException {
        String root = null;
        String activity = act;
        while (!l.atEnd()) {
            Token opt = l.word("'root <cappage>' or 'activity <activity>'");
            switch (opt.text()) {
                case "root" -> root = existing(l, CapType.CAPPAGE, "its root cappage");
                case "activity" -> activity = existing(l, CapType.ACTIVITY, "its activity");
                default -> throw l.error(opt, "expected 'root <cappage>' or 'activity <activity>', found " + opt.describe());
            }
        }
        if (root != null) {
            addDecl(new Spec.ThreadDecl(name, root, activity), l.lineNo);
        }
    }

    private void frameOptions(Line l, String name) throws ScenarioException {
        int[] caps = new int[0];
        byte[] bytes = new byte[0];
        boolean any = false;
        while (!l.atEnd()) {
            Token opt = l.word("'caps [...]' or 'bytes \"...\"'");
            switch (opt.text()) {
                case "caps" -> caps = l.addressList();
                case "bytes" -> bytes = Bytes.of(l.string("the bytes in quotes"));
                default -> throw l.error(opt, "expected 'caps [...]' or 'bytes \"...\"', found " + opt.describe());
            }
            any = true;
        }
        if (any) {
            requireFits(l, caps.length, bytes.length);
            addDecl(new Spec.MessageDecl(name, caps, bytes), l.lineNo);
        }
    }

    private void requireFits(Line l, int caps, int bytes) throws ScenarioException {
        if (!capsim.kernel.Frame.fits(caps, bytes)) {
            throw new ScenarioException(file, l.lineNo, 1, "a message of " + caps + " caps and " + bytes
                    + " bytes does not fit in a " + capsim.kernel.Frame.PAGE_SIZE + "-byte page");
        }
    }

    private void bufferOptions(Line l, String name) throws ScenarioException {
        int flags = 0;
        long id = 0;
        boolean blocked = false;
        boolean config = false;
        while (!l.atEnd()) {
            Token opt = l.word("a buffer option (thread, root, payload, sender-activity, flags, id, blocked)");
            switch (opt.text()) {
                case "thread" -> addDecl(new Spec.BufferSlotDecl(name, BufferSlot.THREAD,
                        existing(l, CapType.THREAD, "the thread to activate"), Rights.FULL), l.lineNo);
                case "root" -> addDecl(new Spec.BufferSlotDecl(name, BufferSlot.AS_ROOT,
                        existing(l, CapType.CAPPAGE, "the address-space root"), Rights.FULL), l.lineNo);
                case "payload" -> addDecl(new Spec.BufferSlotDecl(name, BufferSlot.PAYLOAD,
                        existing(l, CapType.FRAME, "the payload frame"), Rights.FULL), l.lineNo);
                case "sender-activity" -> addDecl(new Spec.BufferSlotDecl(name, BufferSlot.SENDER_ACTIVITY,
                        existing(l, CapType.ACTIVITY, "the sender activity"), Rights.FULL), l.lineNo);
                case "flags" -> {
                    flags = l.flags();
                    config = true;
                }
                case "id" -> {
                    id = l.number("an id", Long.MIN_VALUE, Long.MAX_VALUE);
                    config = true;
                }
                case "blocked" -> {
                    blocked = true;
                    config = true;
                }
                default -> throw l.error(opt, "expected a buffer option (thread, root, payload, sender-activity, flags, id, blocked), found "
                        + opt.describe());
            }
        }
        if (config) {
            addDecl(new Spec.BufferDecl(name, flags, id, blocked), l.lineNo);
        }
    }

    private void slot(Line l, Token first) throws ScenarioException {
        declaring(l, first);
        String page = existing(l, CapType.CAPPAGE, "a cappage");
        int index = l.index();
        l.equalsSign();
        CapTarget t = capTarget(l);
        addDecl(new Spec.SlotDecl(page, index, t.name, t.rights, t.payload), l.lineNo);
    }

    private record CapTarget(String name, Rights rights, long payload) {
    }

    /** {@code NAME [rights R|r|rw] [pp N]} or {@code void}. */
    private CapTarget capTarget(Line l) throws ScenarioException {
        Token t = l.word("a declared name or 'void'");
        if (t.is("void")) {
            l.end();
            return new CapTarget(null, Rights.FULL, 0);
        }
        if (!names.containsKey(t.text())) {
            throw l.error(t, "'" + t.text() + "' is not declared (expected a declared name or 'void')");
        }
        Rights rights = Rights.FULL;
        long pp = 0;
        while (!l.atEnd()) {
            Token opt = l.word("a rights word (rw, r, w, -) or 'pp <n>'");
            Rights r = Rights.fromWord(opt.text());
            if (opt.is("rights")) {
                rights = l.rights();
            } else if (r != null) {
                rights = r;
            } else if (opt.is("pp")) {
                pp = l.number("a protected payload", Long.MIN_VALUE, Long.MAX_VALUE);
            } else {
                throw l.error(opt, "expected a rights word (rw, r, w, -) or 'pp <n>', found " + opt.describe());
            }
        }
        return new CapTarget(t.text(), rights, pp);
    }

    private void setup(Line l, Token first) throws ScenarioException {
        declaring(l, first);
        Token what = l.word("'thread', 'buffer' or 'frame'");
        switch (what.text()) {
            case "thread" -> {
                String t = existing(l, CapType.THREAD, "a thread");
                l.keyword("root", "'root <cappage>'");
                String root = existing(l, CapType.CAPPAGE, "its root cappage");
                l.keyword("activity", "'activity <activity>'");
                String act = existing(l, CapType.ACTIVITY, "its activity");
                l.end();
                addDecl(new Spec.ThreadDecl(t, root, act), l.lineNo);
            }
            case "buffer" -> {
                String b = existing(l, CapType.MESSAGE_BUFFER, "a buffer");
                Token k = l.peek("a buffer slot (thread, as_root, payload, sender_activity) or 'flags'");
                BufferSlot s = bufferSlot(k.text());
                if (s != null) {
                    l.next("");
                    l.equalsSign();
                    CapTarget t = capTarget(l);
                    addDecl(new Spec.BufferSlotDecl(b, s, t.name, t.rights), l.lineNo);
                } else {
                    bufferOptions(l, b);
                }
            }
            case "frame" -> {
                String f = existing(l, CapType.FRAME, "a frame");
                frameOptions(l, f);
            }
            default -> throw l.error(what, "expected 'thread', 'buffer' or 'frame' after 'setup', found " + what.describe());
        }
    }

    static BufferSlot bufferSlot(String word) {
        for (BufferSlot s : BufferSlot.values()) {
            if (s.word().equals(word) || s.word().replace('_', '-').equals(word)) {
                return s;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ steps

    private void kernelStep(Line l) throws ScenarioException {
        stepsStarted = true;
        Token w = l.word("'resume' or 'resume-all'");
        boolean all;
        if (w.is("resume")) {
            all = false;
        } else if (w.is("resume-all")) {
            all = true;
        } else {
            throw l.error(w, "expected 'resume' or 'resume-all' after 'kernel', found " + w.describe());
        }
        String expected = outcomeSuffix(l);
        l.end();
        items.add(new Scenario.StepItem(l.lineNo, null, new Op.Resume(all), expected, null));
    }

    private void step(Line l, Token thread) throws ScenarioException {
        stepsStarted = true;
        List<String> words = operations.steps().stream().map(Operation::word).toList();
        Token opWord = l.word("an operation (" + String.join(", ", words) + ")");
        Operation<?> operation = operations.byWord(opWord.text()).orElseThrow(() -> l.error(opWord, "unknown operation '"
                + opWord.text() + "' (expected " + String.join(", ", words.subList(0, words.size() - 1))
                + " or " + words.get(words.size() - 1) + ")"));
        Op.Invoke op = new Op.Invoke(operation, StepText.read(operation, l, stepNames));
        // Suffixes, in either order: '=> OUTCOME' and 'as NAME'.
        String expected = outcomeSuffix(l);
        String bindAs = null;
        if (l.peekIs("as")) {
            Token as = l.next("");
            CapType made = op.makes();
            if (made == null) {
                throw l.error(as, "'as <name>' names what allocate or create-activity makes; this step makes nothing");
            }
            bindAs = newName(l);
            names.put(bindAs, made);
            if (expected == null) {
                expected = outcomeSuffix(l);
            }
        }
        l.end();
        items.add(new Scenario.StepItem(l.lineNo, thread.text(), op, expected, bindAs));
    }

    private String outcomeSuffix(Line l) throws ScenarioException {
        if (!l.peekKind(Token.Kind.ARROW)) {
            return null;
        }
        l.next("");
        return l.outcome();
    }

    private Ref ref(Line l, String what) throws ScenarioException {
        Token t = l.word(what + " (a name or an address like 3 or 3.7)");
        if (Character.isDigit(t.text().charAt(0))) {
            try {
                return Ref.address(CapAddress.parse(t.text()), l.lineNo, t.column());
            } catch (IllegalArgumentException e) {
                throw l.error(t, "bad address '" + t.text() + "': " + e.getMessage());
            }
        }
        if (t.is("none")) {
            return Ref.address(CapAddress.NONE, l.lineNo, t.column());
        }
        if (!names.containsKey(t.text())) {
            throw l.error(t, "'" + t.text() + "' is not declared (expected " + what + ": a declared name or an address)");
        }
        return Ref.named(t.text(), l.lineNo, t.column());
    }

    private List<Ref> refList(Line l) throws ScenarioException {
        l.expect(Token.Kind.LBRACKET, "'[' starting the capability address list");
        List<Ref> out = new ArrayList<>();
        while (!l.peekKind(Token.Kind.RBRACKET)) {
            if (l.atEnd()) {
                throw l.errorAtEnd("expected ']' closing the capability address list");
            }
            out.add(ref(l, "a capability address"));
            if (l.peekKind(Token.Kind.COMMA)) {
                l.next("");
            }
        }
        l.next("");
        return out;
    }

    // ------------------------------------------------------------------ expectations

    private void expect(Line l, Token first) throws ScenarioException {
        int line = l.lineNo;
        String text = l.source();
        Token w = l.word("what to expect (slot, buffer, queue, thread, usage, quota, frame, payload, live, freed, event, events, "
                + "no, outcome, error, work, max-work, transfers, invariant)");
        Expectation e = switch (w.text()) {
            case "slot" -> {
                String page = existing(l, CapType.CAPPAGE, "a cappage");
                int index = l.index();
                l.equalsSign();
                Token t = l.word("a name or 'void'");
                if (t.is("void")) {
                    yield new Expectation.Slot(line, text, page, index, null, null, null);
                }
                if (!names.containsKey(t.text())) {
                    throw l.error(t, "'" + t.text() + "' is not declared (expected a name or 'void')");
                }
                Rights r = null;
                Long pp = null;
                while (!l.atEnd()) {
                    Token opt = l.word("a rights word (rw, r, w, -) or 'pp <n>'");
                    if (Rights.fromWord(opt.text()) != null) {
                        r = Rights.fromWord(opt.text());
                    } else if (opt.is("rights")) {
                        r = l.rights();
                    } else if (opt.is("pp")) {
                        pp = l.number("a protected payload", Long.MIN_VALUE, Long.MAX_VALUE);
                    } else {
                        throw l.error(opt, "expected a rights word (rw, r, w, -) or 'pp <n>', found " + opt.describe());
                    }
                }
                yield new Expectation.Slot(line, text, page, index, t.text(), r, pp);
            }
            case "buffer" -> {
                String b = existing(l, CapType.MESSAGE_BUFFER, "a buffer");
                Token p = l.word("blocked, unblocked, waiting, idle, in-transfer, senders <n>, error <E|none> or pp <n>");
                String value = null;
                switch (p.text()) {
                    case "blocked", "unblocked", "waiting", "idle", "in-transfer" -> {
                    }
                    case "senders" -> value = Long.toString(l.number("a count", 0, Integer.MAX_VALUE));
                    case "pp" -> value = Long.toString(l.number("a protected payload", Long.MIN_VALUE, Long.MAX_VALUE));
                    case "error" -> {
                        Token err = l.word("an error name or 'none'");
                        if (!err.is("none") && !isErrorName(err.text())) {
                            throw l.error(err, "unknown error '" + err.text() + "' (expected none or one of " + errorNames() + ")");
                        }
                        value = err.text();
                    }
                    default -> throw l.error(p, "expected blocked, unblocked, waiting, idle, in-transfer, senders <n>, "
                            + "error <E|none> or pp <n>, found " + p.describe());
                }
                yield new Expectation.Buffer(line, text, b, p.text(), value);
            }
            case "queue" -> {
                String q = existing(l, CapType.MESSAGE_QUEUE, "a queue");
                Token p = l.word("'senders <n>' or 'receivers <n>'");
                if (!p.is("senders") && !p.is("receivers")) {
                    throw l.error(p, "expected 'senders <n>' or 'receivers <n>', found " + p.describe());
                }
                yield new Expectation.Queue(line, text, q, p.text(), (int) l.number("a count", 0, Integer.MAX_VALUE));
            }
            case "thread" -> {
                String t = existing(l, CapType.THREAD, "a thread");
                Token p = l.word("activated, idle, activations <n>, pending <n> or current <buffer>");
                String value = switch (p.text()) {
                    case "activated", "idle" -> null;
                    case "activations", "pending" -> Long.toString(l.number("a count", 0, Integer.MAX_VALUE));
                    case "current" -> existing(l, CapType.MESSAGE_BUFFER, "a buffer");
                    default -> throw l.error(p, "expected activated, idle, activations <n>, pending <n> or current <buffer>, found "
                            + p.describe());
                };
                yield new Expectation.Thread(line, text, t, p.text(), value);
            }
            case "usage", "quota" -> {
                String a = existing(l, CapType.ACTIVITY, "an activity");
                l.equalsSign();
                yield new Expectation.Account(line, text, a, w.is("usage"), l.number("a count", 0, Long.MAX_VALUE));
            }
            case "frame", "payload" -> {
                String o = existing(l, w.is("frame") ? CapType.FRAME : CapType.MESSAGE_BUFFER, w.is("frame") ? "a frame" : "a buffer");
                int[] caps = null;
                byte[] bytes = null;
                while (!l.atEnd()) {
                    Token opt = l.word("'caps [...]' or 'bytes \"...\"'");
                    switch (opt.text()) {
                        case "caps" -> caps = l.addressList();
                        case "bytes" -> bytes = Bytes.of(l.string("the bytes in quotes"));
                        default -> throw l.error(opt, "expected 'caps [...]' or 'bytes \"...\"', found " + opt.describe());
                    }
                }
                if (caps == null && bytes == null) {
                    throw l.errorAtEnd("expected 'caps [...]' or 'bytes \"...\"'");
                }
                yield new Expectation.Page(line, text, o, w.is("payload"), caps, bytes);
            }
            case "live", "freed" -> new Expectation.Liveness(line, text, existing(l, null, "a declared name"), w.is("live"));
            case "event" -> new Expectation.EventCount(line, text, l.string("the text to find in an event, in quotes"), 0, true);
            case "events" -> {
                String s = l.string("the text to find in events, in quotes");
                l.equalsSign();
                yield new Expectation.EventCount(line, text, s, (int) l.number("a count", 0, Integer.MAX_VALUE), false);
            }
            case "no" -> {
                l.keyword("event", "'event \"<text>\"'");
                yield new Expectation.EventCount(line, text, l.string("the text, in quotes"), 0, false);
            }
            case "outcome", "error" -> new Expectation.Outcome(line, text, l.outcome());
            case "work", "max-work" -> {
                l.keyword("at-most", "'at-most <n>'");
                yield new Expectation.Work(line, text, w.is("max-work"), (int) l.number("a bound", 0, Integer.MAX_VALUE));
            }
            case "transfers" -> new Expectation.Transfers(line, text, (int) l.number("a count", 0, Integer.MAX_VALUE));
            case "invariant" -> {
                Token n = l.word("an invariant name");
                if (Invariants.byName(n.text()).isEmpty()) {
                    throw l.error(n, "unknown invariant '" + n.text() + "' (expected one of " + String.join(", ", Invariants.names()) + ")");
                }
                Token h = l.word("'holds' or 'broken'");
                if (!h.is("holds") && !h.is("broken")) {
                    throw l.error(h, "expected 'holds' or 'broken', found " + h.describe());
                }
                yield new Expectation.Invariant(line, text, n.text(), h.is("holds"));
            }
            default -> throw l.error(w, "unknown expectation '" + w.text() + "' (expected slot, buffer, queue, thread, usage, quota, "
                    + "frame, payload, live, freed, event, events, no, outcome, error, work, max-work, transfers or invariant)");
        };
        l.end();
        items.add(new Scenario.ExpectItem(e));
    }

    // ------------------------------------------------------------------ for ExploreReader

    /** Parses a Viengoos-model scenario with its explore section (programs, any, symmetric). */
    static Explorable.Parsed loadExplorable(Path path, String text) throws ScenarioException {
        Parser p = new Parser(path.toString(), Operations.SHIPPED);
        Scenario s = viengoos(p.run(text));
        return new Explorable.Parsed(s, p.exploreSection);
    }

    /** The declared type of a name (null when undeclared or bound by a step). */
    CapType typeOf(String name) {
        return names.get(name);
    }

    /** A step inside a program block: the line starts with the operation; {@code thread} runs it. */
    Scenario.StepItem programStep(Line l, Token thread) throws ScenarioException {
        l.pos--;
        step(l, thread);
        Scenario.StepItem item = (Scenario.StepItem) items.remove(items.size() - 1);
        if (item.bindAs() != null) {
            throw new ScenarioException(file, l.lineNo, 1, "'as <name>' cannot be used in a program (names are fixed before exploring)");
        }
        return item;
    }

    static boolean isOutcomeWord(String s) {
        return s.equals("ok") || isErrorName(s) || outcomeName(s) != null;
    }

    private static Outcome outcomeName(String s) {
        for (Outcome o : Outcome.values()) {
            if (o.name().equals(s)) {
                return o;
            }
        }
        return null;
    }

    static boolean isErrorName(String s) {
        for (KernelError e : KernelError.values()) {
            if (e.name().equals(s)) {
                return true;
            }
        }
        return false;
    }

    static String errorNames() {
        StringBuilder b = new StringBuilder();
        for (KernelError e : KernelError.values()) {
            b.append(b.length() > 0 ? ", " : "").append(e.name());
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ the token cursor of one line
}
