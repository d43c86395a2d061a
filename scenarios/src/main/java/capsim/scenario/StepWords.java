package capsim.scenario;

import java.util.Set;

/**
 * Words that start a statement cannot name an object: an object called {@code expect} or {@code kernel}
 * could be declared but never start a step of its own (the line would be read as the keyword's). Every
 * dialect refuses them where a name is declared, with the reader's own words and the dialect's.
 */
public final class StepWords {
    /** The words the reader takes at the start of a line in every personality file. */
    public static final Set<String> READER = Set.of("scenario", "variant", "check", "expect", "work-bound", "root-quota");

    private StepWords() {
    }

    /** True when {@code word} starts a statement, by the reader or by a dialect whose own words are {@code own}. */
    public static boolean startsStatement(String word, Set<String> own) {
        return READER.contains(word) || own.contains(word);
    }

    /**
     * Reads a name being declared ({@code what}, e.g. "a thread name"), refusing a word that starts a
     * statement with a message that says why.
     */
    public static String newName(Line l, String what, Set<String> own) throws ScenarioException {
        Token t = l.word(what);
        if (startsStatement(t.text(), own)) {
            throw refused(l, t, what);
        }
        return t.text();
    }

    /** The error for a name {@code t} that starts a statement. */
    public static ScenarioException refused(Line l, Token t, String what) {
        return l.error(t, "'" + t.text() + "' starts a statement, so it cannot be " + what);
    }
}
