package capsim.personality;

/**
 * A personality refused a step: {@code code} is the design's own error word ({@code EWOULDBLOCK},
 * {@code ENOBUFS}, {@code MACH_SEND_INVALID_RIGHT}, seL4's {@code InvalidCapability}, ...). The {@link Session} restores the world as it was,
 * so a refused step changes nothing. Carries no stack trace: refusals are outcomes checkers provoke often.
 */
public final class PersonalityException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public PersonalityException(String code, String message) {
        super(code + ": " + message, null, false, false);
        if (code == null || !code.matches("[A-Z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("an error code is a word starting with a capital, not " + code);
        }
        this.code = code;
    }

    /** The error word, as a scenario writes it after {@code =>}. */
    public String code() {
        return code;
    }

    /** The explanation without the code. */
    public String detail() {
        return getMessage().substring(code.length() + 2);
    }
}
