package capsim.personality.lwkt;

import capsim.personality.PersonalityException;

/** Finding a thread, port or message by name, with the refusal each operation makes when it is not there or not the caller's. */
final class Lookup {
    private Lookup() {
    }

    static void freeName(LwktWorld w, String name) throws PersonalityException {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw LwktWorld.err("EINVAL", "'" + name + "' is not a name (a letter, then letters, digits, '_', '.', '-')");
        }
        if (LwktWorld.RESERVED.contains(name)) {
            throw LwktWorld.err("EINVAL", "'" + name + "' is reserved");
        }
        if (w.threads.containsKey(name) || w.ports.containsKey(name) || w.messages.containsKey(name)) {
            throw LwktWorld.err("EEXIST", "the name " + name + " is taken");
        }
    }

    static LwktThread running(LwktWorld w, String name) throws PersonalityException {
        LwktThread t = w.threads.get(name);
        if (t == null) {
            throw LwktWorld.err("ENOENT", "no thread " + name);
        }
        if (t.waiting() != null) {
            throw LwktWorld.err("EBUSY", name + " is blocked in " + t.waiting().text());
        }
        return t;
    }

    static LwktMessage msg(LwktWorld w, String name) throws PersonalityException {
        LwktMessage m = w.messages.get(name);
        if (m == null) {
            throw LwktWorld.err("ENOENT", "no message " + name);
        }
        return m;
    }

    static MsgPort portNamed(LwktWorld w, String name) throws PersonalityException {
        MsgPort p = w.ports.get(name);
        if (p == null) {
            throw LwktWorld.err("ENOENT", "no port " + name);
        }
        return p;
    }

    static void owned(LwktMessage m, LwktThread t) throws PersonalityException {
        if (!m.owner().equals(t.name())) {
            throw LwktWorld.err("EPERM", t.name() + " does not own " + m.name() + " (owner: " + m.owner()
                    + "): only the owner touches a message");
        }
    }
}
