package capsim.personality.mach;

import capsim.kernel.CapType;
import capsim.personality.PersonalityException;

/** An exhausted quota refused with the Mach code of the operation that asked for the object. */
final class Shortage {
    private Shortage() {
    }

    static int alloc(MachWorld w, CapType type, int activity, String name, String role, String code) throws PersonalityException {
        try {
            return w.allocate(type, activity, name, role);
        } catch (PersonalityException e) {
            throw shortage(e, code);
        }
    }

    interface Alloc {
        int run() throws PersonalityException;
    }

    static int alloc(MachWorld w, Alloc a, String code) throws PersonalityException {
        try {
            return a.run();
        } catch (PersonalityException e) {
            throw shortage(e, code);
        }
    }

    /** An exhausted quota as Mach's code for the operation; other refusals as they are. */
    static PersonalityException shortage(PersonalityException e, String code) {
        return e.code().equals("ENOMEM") ? new PersonalityException(code, e.detail()) : e;
    }
}
