package capsim.personality.sel4;

/**
 * seL4's capability rights (seL4_CapRights: Read, Write, Grant, GrantReply), written as capDL writes them: the
 * letters R, W, G and P (P for GrantReply, as capDL's parser takes it) in that order, or {@code -} for none.
 */
public record CapRights(boolean read, boolean write, boolean grant, boolean grantReply) {
    public static final CapRights ALL = new CapRights(true, true, true, true);
    public static final CapRights NONE = new CapRights(false, false, false, false);

    /** The rights in both (seL4's maskCapRights). */
    public CapRights mask(CapRights m) {
        return new CapRights(read && m.read, write && m.write, grant && m.grant, grantReply && m.grantReply);
    }

    /** Whether every right of {@code o} is one of these. */
    public boolean covers(CapRights o) {
        return (read || !o.read) && (write || !o.write) && (grant || !o.grant) && (grantReply || !o.grantReply);
    }

    /** "RWGP", "RW", "-". */
    public String word() {
        StringBuilder b = new StringBuilder();
        if (read) {
            b.append('R');
        }
        if (write) {
            b.append('W');
        }
        if (grant) {
            b.append('G');
        }
        if (grantReply) {
            b.append('P');
        }
        return b.isEmpty() ? "-" : b.toString();
    }

    /** The rights written {@code w} (letters R, W, G, P each at most once, in any order, or "-"), or null. */
    public static CapRights fromWord(String w) {
        if (w.equals("-")) {
            return NONE;
        }
        if (w.isEmpty() || w.length() > 4) {
            return null;
        }
        boolean r = false;
        boolean wr = false;
        boolean g = false;
        boolean p = false;
        for (char c : w.toCharArray()) {
            switch (c) {
                case 'R' -> {
                    if (r) {
                        return null;
                    }
                    r = true;
                }
                case 'W' -> {
                    if (wr) {
                        return null;
                    }
                    wr = true;
                }
                case 'G' -> {
                    if (g) {
                        return null;
                    }
                    g = true;
                }
                case 'P' -> {
                    if (p) {
                        return null;
                    }
                    p = true;
                }
                default -> {
                    return null;
                }
            }
        }
        return new CapRights(r, wr, g, p);
    }

    @Override
    public String toString() {
        return word();
    }
}
