package capsim.capdl;

/**
 * The name of a capDL object: a name, or a name and an index for objects declared as an array
 * ({@code frames[4] = frame (4k)} declares {@code frames[0]} to {@code frames[3]}); capDL-tool's
 * {@code ObjID = (String, Maybe Word)}. {@code index} is -1 when there is none.
 */
public record ObjId(String name, long index) implements Comparable<ObjId> {
    /** A plain name. */
    public static ObjId of(String name) {
        return new ObjId(name, -1);
    }

    /** {@code name[index]}. */
    public static ObjId of(String name, long index) {
        return new ObjId(name, index);
    }

    /** True for {@code name[i]}. */
    public boolean indexed() {
        return index >= 0;
    }

    @Override
    public int compareTo(ObjId o) {
        int c = name.compareTo(o.name);
        return c != 0 ? c : Long.compare(index, o.index);
    }

    /** {@code name} or {@code name[i]}, as capDL writes it. */
    @Override
    public String toString() {
        return indexed() ? name + "[" + index + "]" : name;
    }
}
