package capsim.personality.caps;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A service's registration flags (lwkt_caps.c's CAPF_USER, CAPF_GROUP, CAPF_WORLD, CAPF_EXCL). The scope flags say
 * who may connect to it: {@code user}: clients with the service's uid; {@code group}: clients with its gid;
 * {@code world}: anyone; a service registered with none of them takes no clients. {@code excl} refuses the
 * registration with EEXIST when the triple is already registered (kern_caps_sys_service); without it the new
 * registration shadows the old one.
 */
public enum Scope {
    USER, GROUP, WORLD, EXCL;

    /** The scenario word: {@code user}, {@code group}, {@code world}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope named {@code word}, or null. */
    public static Scope fromWord(String word) {
        for (Scope s : values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        return null;
    }

    /** Flags as scenarios write them, in a fixed order: {@code user,group}, or {@code none}. */
    public static String words(Set<Scope> flags) {
        List<String> out = new java.util.ArrayList<>();
        for (Scope s : values()) {
            if (flags.contains(s)) {
                out.add(s.word());
            }
        }
        return out.isEmpty() ? "none" : String.join(",", out);
    }

    /** True when {@code flags} let a client with {@code uid}/{@code gid} connect to a service owned by {@code svcUid}/{@code svcGid}. */
    static boolean admits(Set<Scope> flags, int svcUid, int svcGid, int uid, int gid) {
        return flags.contains(WORLD) || (flags.contains(USER) && uid == svcUid) || (flags.contains(GROUP) && gid == svcGid);
    }
}
