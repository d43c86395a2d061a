package capsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CapabilityTest {
    @Test
    void rightsOnlyNarrow() {
        assertThat(Rights.FULL.narrow(Rights.WEAK)).isEqualTo(Rights.WEAK);
        assertThat(Rights.WEAK.narrow(Rights.FULL)).isEqualTo(Rights.WEAK);
        assertThat(Rights.WEAK.narrow(Rights.NONE)).isEqualTo(Rights.NONE);
        assertThat(Rights.of(false, true).narrow(Rights.WEAK)).isEqualTo(Rights.NONE);
        for (Rights a : new Rights[] {Rights.FULL, Rights.WEAK, Rights.NONE, Rights.of(false, true)}) {
            for (Rights m : new Rights[] {Rights.FULL, Rights.WEAK, Rights.NONE, Rights.of(false, true)}) {
                assertThat(a.covers(a.narrow(m))).isTrue();
                assertThat(m.covers(a.narrow(m))).isTrue();
            }
        }
    }

    @Test
    void rightsWordsRoundTrip() {
        for (Rights r : new Rights[] {Rights.FULL, Rights.WEAK, Rights.NONE, Rights.of(false, true)}) {
            assertThat(Rights.fromWord(r.word())).isEqualTo(r);
        }
        assertThat(Rights.fromWord("x")).isNull();
    }

    @Test
    void weakenDropsWriteAndKeepsIdentity() {
        Capability c = new Capability(CapType.FRAME, 3, 2, Rights.FULL, 9);
        Capability w = c.weaken();
        assertThat(w.rights()).isEqualTo(Rights.WEAK);
        assertThat(w.oid()).isEqualTo(3);
        assertThat(w.version()).isEqualTo(2);
        assertThat(w.payload()).isEqualTo(9);
        assertThat(w.weaken()).isSameAs(w);
        assertThat(c.narrow(Rights.FULL)).isSameAs(c);
    }

    @Test
    void voidCapability() {
        assertThat(Capability.VOID.isVoid()).isTrue();
        assertThat(Capability.VOID.toString()).isEqualTo("void");
        assertThat(new Capability(CapType.THREAD, 1, 0, Rights.WEAK, 0).toString()).isEqualTo("thread#1v0:r");
        assertThatThrownBy(() -> new Capability(null, 1, 0, Rights.FULL, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addressesEncodeAndParse() {
        int a = CapAddress.of(3, 7);
        assertThat(CapAddress.depth(a)).isEqualTo(2);
        assertThat(CapAddress.slot(a, 0)).isEqualTo(3);
        assertThat(CapAddress.slot(a, 1)).isEqualTo(7);
        assertThat(CapAddress.format(a)).isEqualTo("3.7");
        assertThat(CapAddress.parse("3.7")).isEqualTo(a);
        assertThat(CapAddress.parse("255.0.1")).isEqualTo(CapAddress.of(255, 0, 1));
        assertThat(CapAddress.parse("none")).isEqualTo(CapAddress.NONE);
        assertThat(CapAddress.format(CapAddress.NONE)).isEqualTo("none");
        assertThat(CapAddress.of(0)).isNotEqualTo(CapAddress.of(0, 0));
        assertThatThrownBy(() -> CapAddress.parse("3.x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CapAddress.of(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CapAddress.of(1, 2, 3, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CapAddress.of()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CapAddress.parse("1..2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typeWordsRoundTrip() {
        for (CapType t : CapType.values()) {
            assertThat(CapType.fromWord(t.word())).isEqualTo(t);
        }
        assertThat(CapType.fromWord("port")).isNull();
    }
}
