package capsim.kernel;

/**
 * The text form of a kernel operation as data: after the operation word, a sequence of parts. The scenario
 * language reads a step with it and writes one back with it (one description for both directions), so an
 * operation's text is defined once, next to the operation ({@link Operation}). Each argument part names
 * the record component of the {@link Action} it fills.
 *
 * <p>The {@code what} texts are what a parse error says was expected there ({@code file:line:col: expected
 * a source capability ...}).
 */
public sealed interface Syntax {

    /** The kind of value an argument holds, and so how it is read and written. */
    enum Kind {
        /** A capability address ({@code int}): a literal {@code 3}, {@code 3.7}, {@code none}, or a declared name. */
        ADDRESS(int.class),
        /** A bracketed list of capability addresses ({@code int[]}): {@code [3 4.1 name]}. */
        ADDRESSES(int[].class),
        /** A decimal number ({@code long}) between the part's bounds. */
        NUMBER(long.class),
        /** A rights word: {@code rw}, {@code r}, {@code w}, {@code -} ({@link Rights}). */
        RIGHTS(Rights.class),
        /** A buffer slot word ({@link BufferSlot}). */
        BUFFER_SLOT(BufferSlot.class),
        /** Buffer flag words joined with {@code ,}, or {@code none} ({@code int}). */
        FLAGS(int.class),
        /** Message bytes in quotes ({@code byte[]}); may be left out (no bytes), always written. */
        BYTES(byte[].class),
        /** An object type word that can be allocated: thread, cappage, frame, buffer, queue ({@link CapType}). */
        OBJECT_TYPE(CapType.class);

        private final Class<?> javaType;

        Kind(Class<?> javaType) {
            this.javaType = javaType;
        }

        /** The type of the record component an argument of this kind fills. */
        public Class<?> javaType() {
            return javaType;
        }
    }

    /** A word that must come next ({@code to}, {@code payload}); {@code expected} describes it in errors. */
    record Keyword(String word, String expected) implements Syntax {
    }

    /** An argument that must come next; {@code component} names the record component it fills. */
    record Arg(String component, Kind kind, String what, long min, long max) implements Syntax {
    }

    /**
     * {@code keyword <arg>}, which may be left out: then the argument is {@code absent}. Written back unless
     * the value is {@code absent}, or always when {@code alwaysWritten}.
     */
    record Optional(String keyword, Arg arg, Object absent, boolean alwaysWritten) implements Syntax {
    }

    /**
     * A yes/no argument ({@code boolean}): {@code offWord} means false, {@code onWord} or nothing means true;
     * written as {@code offWord} when false, as nothing when true.
     */
    record Switch(String component, String offWord, String onWord) implements Syntax {
    }

    /** The value of an optional address left out ({@code none}). */
    Integer NO_ADDRESS = CapAddress.NONE;

    static Keyword keyword(String word, String expected) {
        return new Keyword(word, expected);
    }

    static Arg address(String component, String what) {
        return new Arg(component, Kind.ADDRESS, what, 0, 0);
    }

    static Arg addresses(String component, String what) {
        return new Arg(component, Kind.ADDRESSES, what, 0, 0);
    }

    static Arg number(String component, String what, long min, long max) {
        return new Arg(component, Kind.NUMBER, what, min, max);
    }

    static Arg of(String component, Kind kind, String what) {
        return new Arg(component, kind, what, 0, 0);
    }

    /** {@code keyword <arg>} or nothing (then {@code absent}); written only when not {@code absent}. */
    static Optional optional(String keyword, Arg arg, Object absent) {
        return new Optional(keyword, arg, absent, false);
    }

    /** {@code keyword <arg>} or nothing (then {@code absent}); always written. */
    static Optional defaulted(String keyword, Arg arg, Object absent) {
        return new Optional(keyword, arg, absent, true);
    }

    static Switch flag(String component, String offWord, String onWord) {
        return new Switch(component, offWord, onWord);
    }
}
