package capsim.scenario;

import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.CapType;
import capsim.kernel.Operation;
import capsim.kernel.Rights;
import capsim.kernel.Syntax;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The text of a step, read and written from its operation's {@link Syntax}: the one place a step's words
 * become argument values and argument values become words again. Values are in the operation's argument
 * order; a capability address is a {@link Ref} as read (a name or a literal) or an {@code int} as the kernel
 * took it (a list: {@code List<Ref>} or {@code int[]}); every other value is what the action record holds.
 */
final class StepText {
    private StepText() {
    }

    /** What reading needs from the parser: names are checked against what the file declared. */
    interface Names {
        Ref ref(Line l, String what) throws ScenarioException;

        List<Ref> refList(Line l) throws ScenarioException;

        /** Refuses a message of {@code caps} capabilities and {@code bytes} bytes that does not fit a page. */
        void requireFits(Line l, int caps, int bytes) throws ScenarioException;
    }

    /** Reads the arguments of {@code op} from {@code l} (the cursor just past the operation word). */
    static List<Object> read(Operation<?> op, Line l, Names names) throws ScenarioException {
        List<Object> values = new ArrayList<>();
        int caps = -1;
        int bytes = -1;
        for (Syntax part : op.syntax()) {
            switch (part) {
                case Syntax.Keyword k -> l.keyword(k.word(), k.expected());
                case Syntax.Arg a -> values.add(readArg(a, l, names));
                case Syntax.Optional o -> {
                    if (l.peekIs(o.keyword())) {
                        l.next("");
                        values.add(readArg(o.arg(), l, names));
                    } else {
                        values.add(o.absent());
                    }
                }
                case Syntax.Switch w -> {
                    if (l.peekIs(w.offWord())) {
                        l.next("");
                        values.add(false);
                    } else {
                        if (l.peekIs(w.onWord())) {
                            l.next("");
                        }
                        values.add(true);
                    }
                }
            }
            Object last = values.isEmpty() ? null : values.get(values.size() - 1);
            if (!(part instanceof Syntax.Keyword) && Operation.kind(part) == Syntax.Kind.ADDRESSES) {
                caps = ((List<?>) last).size();
            } else if (!(part instanceof Syntax.Keyword) && Operation.kind(part) == Syntax.Kind.BYTES) {
                bytes = ((byte[]) last).length;
            }
        }
        // A message (capability addresses and bytes) is one page: the language refuses one that cannot fit.
        if (caps >= 0 && bytes >= 0) {
            names.requireFits(l, caps, bytes);
        }
        return values;
    }

    private static Object readArg(Syntax.Arg a, Line l, Names names) throws ScenarioException {
        return switch (a.kind()) {
            case ADDRESS -> names.ref(l, a.what());
            case ADDRESSES -> names.refList(l);
            case NUMBER -> l.number(a.what(), a.min(), a.max());
            case RIGHTS -> l.rights();
            case BUFFER_SLOT -> l.bufferSlot();
            case FLAGS -> l.flags();
            case BYTES -> l.peekKind(Token.Kind.STRING) ? Bytes.of(l.string(a.what())) : new byte[0];
            case OBJECT_TYPE -> {
                Token t = l.word(a.what());
                CapType type = CapType.fromWord(t.text());
                if (type == null || type == CapType.VOID || type == CapType.ACTIVITY) {
                    throw l.error(t, "expected " + a.what() + ", found " + t.describe()
                            + (type == CapType.ACTIVITY ? "; use create-activity" : ""));
                }
                yield type;
            }
        };
    }

    /** The step's text after the thread name: the operation word and its arguments. */
    static String write(Operation<?> op, List<Object> values) {
        StringBuilder b = new StringBuilder(op.word());
        int i = 0;
        for (Syntax part : op.syntax()) {
            switch (part) {
                case Syntax.Keyword k -> b.append(' ').append(k.word());
                case Syntax.Arg a -> b.append(' ').append(text(a.kind(), values.get(i++)));
                case Syntax.Optional o -> {
                    Object v = values.get(i++);
                    if (o.alwaysWritten() || !Objects.equals(v, o.absent())) {
                        b.append(' ').append(o.keyword()).append(' ').append(text(o.arg().kind(), v));
                    }
                }
                case Syntax.Switch w -> {
                    if (!(Boolean) values.get(i++)) {
                        b.append(' ').append(w.offWord());
                    }
                }
            }
        }
        return b.toString();
    }

    private static String text(Syntax.Kind kind, Object v) {
        return switch (kind) {
            case ADDRESS -> v instanceof Ref r ? r.text() : CapAddress.format((Integer) v);
            case ADDRESSES -> {
                if (v instanceof int[] a) {
                    yield Addresses.text(a);
                }
                StringBuilder b = new StringBuilder("[");
                List<?> refs = (List<?>) v;
                for (int j = 0; j < refs.size(); j++) {
                    b.append(j > 0 ? " " : "").append(((Ref) refs.get(j)).text());
                }
                yield b.append(']').toString();
            }
            case NUMBER -> v.toString();
            case RIGHTS -> ((Rights) v).word();
            case BUFFER_SLOT -> ((BufferSlot) v).word();
            case FLAGS -> Flags.text((Integer) v);
            case BYTES -> Bytes.quote((byte[]) v);
            case OBJECT_TYPE -> ((CapType) v).word();
        };
    }

    /** The kernel's argument values: each {@link Ref} resolved in {@code thread}'s space, other values as they are. */
    static List<Object> resolve(List<Object> values, Resolver r, int thread) throws StepFailure {
        Object[] out = values.toArray();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Ref ref) {
                out[i] = r.address(thread, ref);
            } else if (out[i] instanceof List<?> refs) {
                List<Ref> list = new ArrayList<>();
                for (Object o : refs) {
                    list.add((Ref) o);
                }
                out[i] = r.addresses(thread, list);
            }
        }
        return Arrays.asList(out);
    }
}
