package capsim.capdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The capDL reader: the syntax capDL-tool reads, its semantics (MakeModel.hs), and messages at file:line:col. */
class CapdlReaderTest {
    static final Path DIR = Path.of("src", "test", "resources", "capdl");

    static CapdlModel load(String name) throws IOException, CapdlException {
        return Capdl.load(DIR.resolve(name));
    }

    private static Cap cap(CapdlModel m, String holder, long slot) {
        return m.cap(new CapSlot(CapdlValidator.parseId(holder), slot));
    }

    @Test
    void theTourHasTheObjectsCapsCoversAndDerivationsItDeclares() throws Exception {
        CapdlModel m = load("tour.cdl");
        CapdlSummary s = CapdlSummary.of(m);
        // counted by hand from tour.cdl: 39 objects (deep, er, still implied), 42 caps (copies and ranges expanded)
        assertThat(s.objects()).isEqualTo(39);
        assertThat(s.caps()).isEqualTo(42);
        assertThat(s.untypedsWithCovers()).isEqualTo(7);
        assertThat(s.covered()).isEqualTo(29);
        assertThat(s.derivations()).isEqualTo(5);
        assertThat(s.irqs()).isEqualTo(2);
        assertThat(m.arch()).isEqualTo("aarch64");
        assertThat(m.domains()).contains("schedule");
    }

    @Test
    void slotsNumbersRangesAndUnnumberedMappingsFollowMakeModel() throws Exception {
        CapdlModel m = load("tour.cdl");
        assertThat(cap(m, "boot_cn", 1).target()).isEqualTo(ObjId.of("boot_tcb"));          // 001 is one (Parsec's natural)
        assertThat(cap(m, "boot_cn", 2).guardSize()).isEqualTo(56);                          // 0x02
        Cap door = cap(m, "boot_cn", 3);
        assertThat(door.rights()).containsExactlyInAnyOrder(Right.READ, Right.WRITE, Right.GRANT, Right.GRANT_REPLY);
        assertThat(door.badge()).isEqualTo(16);
        assertThat(cap(m, "boot_cn", 4).target()).isEqualTo(ObjId.of("bell"));              // unnumbered: after 3
        assertThat(cap(m, "boot_cn", 5).target()).isEqualTo(ObjId.of("slab", 2));            // slab[2..4] at 5, 6, 7
        assertThat(cap(m, "boot_cn", 7).target()).isEqualTo(ObjId.of("slab", 4));
        assertThat(cap(m, "boot_cn", 8).target()).isEqualTo(ObjId.of("bufs", 1));            // bufs[1..] runs to bufs[5]
        assertThat(cap(m, "boot_cn", 12).target()).isEqualTo(ObjId.of("bufs", 5));
        assertThat(cap(m, "boot_cn", 14).type()).isEqualTo(CapType.ASID_CONTROL);            // unnumbered after 13
        assertThat(cap(m, "boot_cn", 16).target()).isEqualTo(ObjId.of("irqs", 1));           // irqs[] is all of them
        assertThat(cap(m, "boot_cn", 16).type()).isEqualTo(CapType.IRQ_HANDLER);
        assertThat(cap(m, "boot_cn", 21).type()).isEqualTo(CapType.REPLY);
        assertThat(cap(m, "boot_cn", 22).attributes()).containsEntry("core", "0");
        assertThat(cap(m, "boot_tcb", 2).type()).isEqualTo(CapType.MASTER_REPLY);            // reply_slot
        assertThat(cap(m, "l3", 3).attributes()).containsEntry("cached", "false");
        assertThat(m.irqs()).containsEntry(10L, ObjId.of("irqs", 0)).containsEntry(11L, ObjId.of("irqs", 1));
    }

    @Test
    void copiesOfNamedCapsAreResolvedAndMasked() throws Exception {
        CapdlModel m = load("tour.cdl");
        Cap masked = cap(m, "cells[2]", 0);                    // <named_door> (masked: RG): R of R
        assertThat(masked.target()).isEqualTo(ObjId.of("door"));
        assertThat(masked.rights()).containsExactly(Right.READ);
        for (int i = 0; i < 3; i++) {                           // <mine[]>: the three caps named mine[0..2]
            assertThat(cap(m, "cells[2]", 1 + i).target()).isEqualTo(ObjId.of("cells", i));
        }
        assertThat(m.cdt()).containsEntry(new CapSlot(ObjId.of("cells", 2), 4), new CapSlot(ObjId.of("boot_cn"), 17))
                .containsEntry(new CapSlot(ObjId.of("cells", 2), 5), new CapSlot(ObjId.of("boot_cn"), 3))
                .containsEntry(new CapSlot(ObjId.of("boot_cn"), 17), new CapSlot(ObjId.of("boot_cn"), 3));
    }

    @Test
    void untypedCoversComeFromNestingQualifiedNamesAndRedeclarations() throws Exception {
        CapdlModel m = load("tour.cdl");
        assertThat(m.covers().get(ObjId.of("pool"))).contains(ObjId.of("boot_tcb"), ObjId.of("inner"), ObjId.of("bufs", 5))
                .doesNotContain(ObjId.of("boot_cn"));
        assertThat(m.covers().get(ObjId.of("inner"))).containsExactly(ObjId.of("boot_cn"));
        assertThat(m.covers().get(ObjId.of("slab", 0))).containsExactly(ObjId.of("lone"));
        assertThat(m.covers().get(ObjId.of("slab", 1))).containsExactly(ObjId.of("worker"));
        assertThat(m.covers().get(ObjId.of("deep"))).containsExactly(ObjId.of("er"));
        assertThat(m.covers().get(ObjId.of("still"))).containsExactly(ObjId.of("leaf"));
        assertThat(m.object(ObjId.of("deep")).type()).isEqualTo(ObjectType.UNTYPED);
        assertThat(m.object(ObjId.of("pool")).sizeBits()).isEqualTo(20);
        assertThat(m.object(ObjId.of("big")).sizeBits()).isEqualTo(21);
    }

    @Test
    void whatIsPrintedReadsBackToTheSameModel() throws Exception {
        for (String f : List.of("tour.cdl", "camkes-style.cdl", "dump-style.cdl", "kernel-dump.cdl")) {
            CapdlModel m = load(f);
            CapdlModel again = Capdl.load(f + " printed", Capdl.print(m));
            assertThat(again).as(f).isEqualTo(m);
            assertThat(Capdl.print(again)).as(f).isEqualTo(Capdl.print(m));
        }
    }

    @Test
    void camkesGeneratedStyleReads() throws Exception {
        CapdlModel m = load("camkes-style.cdl");
        assertThat(m.arch()).isEqualTo("aarch32");
        assertThat(m.objects()).hasSize(16);
        assertThat(m.capCount()).isEqualTo(17);
        assertThat(m.covers().get(ObjId.of("root_untyped_0x10040000"))).hasSize(15);
        Cap code = cap(m, "pt_echo_group_bin_0000", 0x10);
        assertThat(code.rights()).containsExactlyInAnyOrder(Right.READ, Right.WRITE);
        assertThat(code.attributes()).containsEntry("executable", "true");   // X on a frame: executable, not grant
        assertThat(cap(m, "caller_cnode", 3).rights()).containsExactlyInAnyOrder(Right.WRITE, Right.GRANT_REPLY);
        assertThat(m.object(ObjId.of("echo_echo_0_control_tcb")).param("fault_ep")).isEqualTo("0x00000002");
    }

    @Test
    void aDumpGetsItsCoversAndIrqsFromTheAddressesInItsNames() throws Exception {
        CapdlModel m = load("dump-style.cdl");
        assertThat(m.objects()).hasSize(11);
        assertThat(m.capCount()).isEqualTo(17);
        assertThat(m.covers().get(ObjId.of("untyped@0xf0010000@16")))
                .containsExactlyInAnyOrder(ObjId.of("untyped@0xf0014000@14"), ObjId.of("cnode@0xf0010000"), ObjId.of("pd@0xf0018000"));
        assertThat(m.covers().get(ObjId.of("untyped@0xf0014000@14")))
                .containsExactlyInAnyOrder(ObjId.of("tcb@0xf0014100"), ObjId.of("frame@0xf0015000"), ObjId.of("pt@0xf0016000"));
        assertThat(m.irqs()).containsEntry(0x1bL, ObjId.of("irqhandler@0x1b"));
        assertThat(m.cdt()).hasSize(2);
    }

    @Test
    void theKernelsOwnDumpReadsWithItsNamesMended() throws Exception {
        CapdlModel m = load("kernel-dump.cdl");
        assertThat(m.objects()).hasSize(15);   // 14 declared (one twice) and one the kernel only names in a cap
        assertThat(m.capCount()).isEqualTo(24);
        assertThat(cap(m, "0xffffff801fe00000_cnode", 14).type()).isEqualTo(CapType.SCHED_CONTROL);
        assertThat(cap(m, "0xffffff801fe00000_cnode", 7).target()).isEqualTo(ObjId.of("0xffffff8000000000_4096_untyped"));
        assertThat(cap(m, "0xffffff801fc0d400_tcb", 2).type()).isEqualTo(CapType.MASTER_REPLY);
        assertThat(cap(m, "0xffffff801fc0d400_tcb", 3).type()).isEqualTo(CapType.REPLY);
        assertThat(cap(m, "0xffffff801fe00000_cnode", 3).attributes()).containsEntry("asid", "1");
        assertThat(m.covers().get(ObjId.of("0xffffff8000000000_4096_untyped")))
                .containsExactly(ObjId.of("0xffffff8010000000_ep"), ObjId.of("0xffffff8000002000_1024_untyped"));
        assertThat(m.object(ObjId.of("0xffffff8000000000_4096_untyped")).sizeBits()).isEqualTo(12);
        assertThat(m.warnings()).anyMatch(w -> w.message().contains("0xffffff8030000000_notification"))
                .anyMatch(w -> w.message().contains("frame_0xffffff801fe0f000_0042"))          // a cap to a frame never declared
                .anyMatch(w -> w.message().contains("0xffffff8000003000_cnode"));              // a child never declared
        assertThat(cap(m, "0xffffff801fe00000_cnode", 15)).isNull();
    }

    private static String error(String text) {
        try {
            Capdl.load("t.cdl", text);
        } catch (CapdlException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an error for:\n" + text);
    }

    @Test
    void badInputIsReportedAtItsPlace() {
        assertThat(error("objects { }")).startsWith("t.cdl:1:1: a capDL file starts with 'arch NAME'");
        assertThat(error("arch ia32\nobjects {\n  x = thing\n}")).startsWith("t.cdl:3:7: unknown object type 'thing'");
        assertThat(error("arch ia32\nobjects {\n  x = ep\n  x = ep\n}")).startsWith("t.cdl:4:3: 'x' is declared twice (first at t.cdl:3:3)");
        assertThat(error("arch ia32\nobjects { c = cnode }")).startsWith("t.cdl:2:15: a cnode needs its size");
        assertThat(error("arch ia32\nobjects { e = ep { x } }")).contains("only untyped objects can contain objects");
        assertThat(error("arch ia32\nobjects { c = cnode (2 bits) }\ncaps { c { 0: nothere } }"))
                .startsWith("t.cdl:3:15: unknown object 'nothere' for a cap in 'c'");
        assertThat(error("arch ia32\nobjects { c = cnode (2 bits) e = ep }\ncaps { c { 0: e (guard: 3) } }"))
                .startsWith("t.cdl:3:18: 'guard: 3' does not apply to a cap to 'e' (ep)");
        assertThat(error("arch ia32\nobjects { c = cnode (2 bits) e = ep }\ncaps { c { 0: e\n 0: e } }"))
                .startsWith("t.cdl:4:2: slot 0 of 'c' is already filled (at t.cdl:3:12)");
        assertThat(error("arch ia32\nobjects { c = cnode (2 bits) }\ncaps { c { 0: <nobody> } }"))
                .startsWith("t.cdl:3:16: unknown cap name 'nobody'");
        assertThat(error("arch ia32\nobjects { e = ep }\ncaps { e { 0: e } }")).contains("'e' is a ep, which holds no capabilities");
        assertThat(error("arch ia32\nobjects { x = ep\n/* never closed")).startsWith("t.cdl:3:1: comment not closed");
        assertThat(error("arch ia32\nobjects { x = ep } stuff { }")).startsWith("t.cdl:2:20: expected a section");
        assertThat(error("arch ia32\nobjects { x = ep }\ncaps { x { 99999999999999999999999: x } }")).contains("does not fit in a 64-bit word");
    }

    @Test
    void aCopyAndUnnumberedSlotsInOneBlockAreRefusedAsCapdlToolDoes() {
        assertThat(error("arch ia32\nobjects { c = cnode (4 bits) e = ep }\ncaps { n = (c, 0)\nc { 0: e\n e\n 5: <n> } }"))
                .contains("uses both copies of caps (<name>) and unnumbered slots");
    }

    @Test
    void capParametersAreCheckedAgainstTheObjectTheyDesignate() throws Exception {
        CapdlModel m = Capdl.load("t.cdl", "arch x86_64 objects { c = cnode (4 bits) t = tcb f = frame (4k) } caps { c {"
                + " 0: t (reply) 1: f (R, asid: (1, 2), uncached) 2: c (guard: 5, guard_size: 3) } }");
        assertThat(cap(m, "c", 0).type()).isEqualTo(CapType.REPLY);
        assertThat(cap(m, "c", 1).attributes()).isEqualTo(Map.of("asid", "(1, 2)", "cached", "false"));
        assertThat(cap(m, "c", 2).guard()).isEqualTo(5);
        assertThat(cap(m, "c", 2).rights()).isEqualTo(Set.of());
        assertThat(error("arch ia32 objects { c = cnode (4 bits) t = tcb } caps { c { 0: t (reply, master_reply) } }"))
                .contains("'reply' or 'master_reply', not both");
    }
}
