package capsim.personality.caps;

import static capsim.personality.caps.Caps.get;
import static capsim.personality.caps.Caps.put;
import static capsim.personality.caps.Caps.reply;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A CAPS world keeps every message ever put (freed ones for the freed-once invariant), so copying them all made
 * every step of a long run cost the whole run so far. Freed messages never change: copies share them, and a
 * copy costs the live state only (counted by {@link capsim.personality.World#copyWork()}, not timed).
 */
class CapsCopyCostTest {

    @Test
    void aCopyCostsTheLiveStateNotEveryMessageEverPut() {
        Caps c = Caps.echo();
        int msg = 0;
        int workAfterFew = 0;
        for (int round = 1; round <= 800; round++) {
            c.ok(put("client", "c1", "ping"));
            msg++;
            c.expect(get("server", "echo"), "REQUEST");
            c.ok(reply("server", msg, "pong"));
            c.expect(get("client", "c1"), "REPLY");
            c.expect(get("server", "echo"), "DISPOSE");
            if (round == 100) {
                workAfterFew = c.w().copyWork();
            }
        }
        CapsWorld w = c.w();
        assertThat(w.freedLog()).hasSize(800);
        assertThat(w.liveMessages()).isEmpty();
        assertThat(w.copyWork()).as("eight times the rounds, the same live state").isEqualTo(workAfterFew);
        CapsWorld copy = w.copy();
        assertThat(copy.messages()).hasSize(800);
        assertThat(copy.messages().get(1)).as("a freed message is shared, not copied").isSameAs(w.messages().get(1));
        assertThat(copy.stateText()).isEqualTo(w.stateText());
    }
}
