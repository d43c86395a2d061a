package capsim.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * The one definition of a kernel operation: the {@link Action} record that carries its arguments and
 * applies it to a {@link Kernel}, the operation word and {@link Syntax} its scenario text is read and
 * written with, and how the property checker draws a random one. Each action record holds its definition
 * in a constant {@code OP}; {@link Operations} lists the shipped ones. Adding an operation: see
 * docs/scenario-language.md, "Adding an operation".
 *
 * <p>The syntax names the record's components, so arguments travel between text and record without
 * per-operation glue: a record component {@code thread} is the invoking thread, every other component is
 * filled by exactly one syntax argument (checked when the definition is made).
 */
public final class Operation<A extends Action> {

    /** The random arguments the checker's generator draws, in its world layout (see {@code check.Generator}). */
    public interface RandomArgs {
        SplittableRandom rnd();

        /** Whether the variant has first-class message queues (each thread's own queue at slot 6). */
        boolean queues();

        /** One of the thread's own buffers (slots 3-5). */
        int own();

        /** One of the slots steps store into (a slot number; wrap it with {@link CapAddress#of}). */
        int free();

        /** Any slot of the layout, sometimes one level down in the shared page. */
        int anySlot();

        /** A send target: mostly another thread's, sometimes the thread's own, now and then a free slot. */
        int target(int thread, Kernel k);

        /** Capability addresses for a message: a few, sometimes many, sometimes a full page. */
        int[] message();

        /** Message bytes: a few, sometimes hundreds. */
        byte[] bytes();
    }

    /** Draws one random action of this operation for {@code thread}. */
    @FunctionalInterface
    public interface Draw<A extends Action> {
        A draw(RandomArgs r, Kernel k, int thread);
    }

    private final Class<A> type;
    private final String word;
    private final List<Syntax> syntax;
    /** The syntax's arguments in text order (the order of {@link #values}). */
    private final List<Syntax> args;
    /** For each argument, the index of the record component it fills. */
    private final int[] componentOf;
    private final int threadComponent;
    private final int components;
    private final MethodHandle constructor;
    private final MethodHandle[] accessors;
    private int weight;
    private Draw<? extends A> draw;
    private Function<List<Object>, CapType> makes = v -> null;

    private Operation(Class<A> type, String word, List<Syntax> syntax) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        this.word = word;
        this.syntax = List.copyOf(syntax);
        RecordComponent[] rc = type.getRecordComponents();
        components = rc.length;
        List<String> names = new ArrayList<>();
        for (RecordComponent c : rc) {
            names.add(c.getName());
        }
        threadComponent = names.indexOf("thread");
        if (threadComponent >= 0 && rc[threadComponent].getType() != int.class) {
            throw new IllegalArgumentException(type.getName() + ": the 'thread' component must be an int");
        }
        List<Syntax> found = new ArrayList<>();
        for (Syntax s : this.syntax) {
            switch (s) {
                case Syntax.Arg a -> found.add(a);
                case Syntax.Optional o -> found.add(o);
                case Syntax.Switch w -> found.add(w);
                case Syntax.Keyword k -> {
                }
            }
        }
        this.args = List.copyOf(found);
        componentOf = new int[args.size()];
        boolean[] bound = new boolean[rc.length];
        for (int i = 0; i < args.size(); i++) {
            String name = componentName(args.get(i));
            int c = names.indexOf(name);
            if (c < 0 || c == threadComponent || bound[c]) {
                throw new IllegalArgumentException(type.getName() + ": syntax argument '" + name
                        + "' must name exactly one record component other than 'thread'");
            }
            Class<?> want = javaType(args.get(i));
            if (rc[c].getType() != want) {
                throw new IllegalArgumentException(type.getName() + ": component '" + name + "' is a "
                        + rc[c].getType().getSimpleName() + " but its syntax reads a " + want.getSimpleName());
            }
            bound[c] = true;
            componentOf[i] = c;
        }
        for (int c = 0; c < rc.length; c++) {
            if (!bound[c] && c != threadComponent) {
                throw new IllegalArgumentException(type.getName() + ": component '" + rc[c].getName() + "' has no syntax");
            }
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            Class<?>[] types = Arrays.stream(rc).map(RecordComponent::getType).toArray(Class<?>[]::new);
            constructor = lookup.findConstructor(type, MethodType.methodType(void.class, types))
                    .asType(MethodType.methodType(Object.class, types).generic())
                    .asSpreader(Object[].class, rc.length);
            accessors = new MethodHandle[rc.length];
            for (int c = 0; c < rc.length; c++) {
                accessors[c] = lookup.unreflect(rc[c].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + ": cannot reach its canonical constructor or accessors", e);
        }
    }

    /**
     * Defines the operation that {@code type} (an {@link Action} record) carries: it is written {@code word}
     * followed by {@code syntax}.
     */
    public static <A extends Action> Operation<A> of(Class<A> type, String word, Syntax... syntax) {
        return new Operation<>(type, word, List.of(syntax));
    }

    /**
     * The property checker draws this operation with {@code weight} (out of the sum over {@link Operations}'
     * drawn operations), by {@code draw}.
     */
    public Operation<A> drawn(int weight, Draw<? extends A> draw) {
        if (weight <= 0) {
            throw new IllegalArgumentException("a drawn operation needs a positive weight");
        }
        this.weight = weight;
        this.draw = draw;
        return this;
    }

    /** The step makes an object of the type {@code makes} gives from its argument values ({@code as <name>} may name it). */
    public Operation<A> makes(Function<List<Object>, CapType> makes) {
        this.makes = makes;
        return this;
    }

    public String word() {
        return word;
    }

    public Class<A> type() {
        return type;
    }

    /** The text after the operation word, part by part. */
    public List<Syntax> syntax() {
        return syntax;
    }

    /** The argument parts ({@link Syntax.Arg}, {@link Syntax.Optional}, {@link Syntax.Switch}) in text order. */
    public List<Syntax> arguments() {
        return args;
    }

    /** The weight the checker draws it with (0: never drawn). */
    public int weight() {
        return weight;
    }

    /** A random action of this operation (for the checker's generator; only when {@link #weight} is positive). */
    public A draw(RandomArgs r, Kernel k, int thread) {
        return draw.draw(r, k, thread);
    }

    /** The type of object a step with these argument values makes, or null when it makes none. */
    public CapType makes(List<Object> values) {
        return makes.apply(values);
    }

    /** The action invoked by {@code thread} with argument {@code values} in text order (as {@link #values} gives them). */
    public A make(int thread, List<Object> values) {
        if (values.size() != args.size()) {
            throw new IllegalArgumentException(word + " takes " + args.size() + " arguments, not " + values.size());
        }
        Object[] byComponent = new Object[components];
        if (threadComponent >= 0) {
            byComponent[threadComponent] = thread;
        }
        for (int i = 0; i < componentOf.length; i++) {
            byComponent[componentOf[i]] = values.get(i);
        }
        try {
            return type.cast(constructor.invokeExact(byComponent));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The argument values of {@code a} in text order. */
    public List<Object> values(Action a) {
        Object[] out = new Object[componentOf.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = component(a, componentOf[i]);
        }
        return Arrays.asList(out);
    }

    /** {@code a} with every capability address argument mapped by {@code f}, invoked by {@code thread}. */
    public A remake(Action a, int thread, IntUnaryOperator f) {
        List<Object> v = values(a);
        for (int i = 0; i < v.size(); i++) {
            Syntax.Kind kind = kind(args.get(i));
            if (kind == Syntax.Kind.ADDRESS) {
                v.set(i, f.applyAsInt((Integer) v.get(i)));
            } else if (kind == Syntax.Kind.ADDRESSES) {
                int[] in = (int[]) v.get(i);
                int[] out = new int[in.length];
                for (int j = 0; j < in.length; j++) {
                    out[j] = f.applyAsInt(in[j]);
                }
                v.set(i, out);
            }
        }
        return make(thread, v);
    }

    private Object component(Action a, int c) {
        try {
            return accessors[c].invokeExact((Object) type.cast(a));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record component an argument part fills. */
    public static String componentName(Syntax s) {
        return switch (s) {
            case Syntax.Arg a -> a.component();
            case Syntax.Optional o -> o.arg().component();
            case Syntax.Switch w -> w.component();
            case Syntax.Keyword k -> throw new IllegalArgumentException("a keyword fills no component");
        };
    }

    /** The kind of value an argument part holds (null for a {@link Syntax.Switch}). */
    public static Syntax.Kind kind(Syntax s) {
        return switch (s) {
            case Syntax.Arg a -> a.kind();
            case Syntax.Optional o -> o.arg().kind();
            case Syntax.Switch w -> null;
            case Syntax.Keyword k -> throw new IllegalArgumentException("a keyword holds no value");
        };
    }

    private static Class<?> javaType(Syntax s) {
        return s instanceof Syntax.Switch ? boolean.class : kind(s).javaType();
    }

    @Override
    public String toString() {
        return "Operation[" + word + "]";
    }
}
