package capsim.capdl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The model check (capDL-tool's State.hs checkModel): each rule, once broken, is reported where it was written. */
class CapdlValidatorTest {
    private static List<String> problems(String text) throws CapdlException {
        return CapdlValidator.check(Capdl.parse("v.cdl", text), "v.cdl").stream().map(Object::toString).toList();
    }

    @Test
    void aSoundSpecPasses() throws Exception {
        assertThat(problems("arch aarch64 objects { t = tcb c = cnode (4 bits) g = pgd b = frame (4k) e = ep n = notification }"
                + " caps { t { cspace: c vspace: g ipc_buffer_slot: b (RW) reply_slot: t (master_reply) fault_ep_slot: e (W)"
                + " bound_notification: n } c { 0: e (RW) } }")).isEmpty();
    }

    @Test
    void aTcbSlotHoldsOnlyItsKindOfCap() throws Exception {
        assertThat(problems("arch aarch64\nobjects { t = tcb e = ep }\ncaps { t {\n cspace: e } }"))
                .containsExactly("v.cdl:4:2: the cap in slot 0 of 't' is not valid there: TCB slot 0 holds a cnode cap");
        assertThat(problems("arch ia32\nobjects { t = tcb g = pgd }\ncaps { t { vspace: g } }")).hasSize(2)
                .anyMatch(p -> p.contains("'g' (pgd) is not a valid object for ia32"))
                .anyMatch(p -> p.contains("top-level page table of its architecture"));
        assertThat(problems("arch aarch64 objects { t = tcb e = ep } caps { t { 12: e } }"))
                .anyMatch(p -> p.contains("a TCB has slots 0 to 9 only"));
    }

    @Test
    void pagingStructuresHoldTheLevelBelow() throws Exception {
        assertThat(problems("arch aarch64\nobjects { p = pt e = ep }\ncaps {\np { 0: e } }"))
                .containsExactly("v.cdl:4:5: the cap in slot 0 of 'p' is not valid there: a page table holds frames");
        assertThat(problems("arch aarch64\nobjects { i = irq e = ep n = notification }\ncaps { i { 1: n } }"))
                .anyMatch(p -> p.contains("an irq object holds one notification cap, in slot 0"));
    }

    @Test
    void coversMustNotIntersectAndOnlyUntypedsCover() throws Exception {
        assertThat(problems("arch aarch64\nobjects {\n a = ut { x }\n b = ut { x }\n x = ep\n}"))
                .containsExactly("v.cdl:5:2: untyped covers intersect: 'x' is covered by 'a' and 'b'");
        // a ut body declaring an object the outer ut also lists: the object is in two covers
        assertThat(problems("arch aarch64 objects { a = ut { b = ut { y = ep } y } }")).anyMatch(p -> p.contains("covers intersect"));
    }

    @Test
    void aTableIsMappedIntoOneParentAndAFrameMappingIsGivenOnce() throws Exception {
        assertThat(problems("arch ia32\nobjects { d1 = pd d2 = pd p = pt }\ncaps { d1 { 0: p }\n d2 { 0: p } }"))
                .containsExactly("v.cdl:4:7: 'p' is mapped into both 'd1' and 'd2'");
        String twice = "arch ia32\nobjects { c = cnode (4 bits) f = frame (4k) p = pt }\ncaps { p { 3: f (RW) }\n"
                + " c { 0: f (RW, mapping: (p, 3))\n 1: f (R, mapping: (p, 3)) } }";
        assertThat(problems(twice)).containsExactly("v.cdl:5:2: frame mapping (p, 3) is given by two frame caps: (c, 0) and (c, 1)");
        assertThat(problems("arch ia32 objects { c = cnode (4 bits) f = frame (4k) p = pt } caps { c { 0: f (RW, mapping: (p, 5)) } }"))
                .anyMatch(p -> p.contains("names a slot that holds no frame"));
    }

    @Test
    void theIrqTableNamesIrqObjects() throws Exception {
        assertThat(problems("arch ia32\nobjects { e = ep }\nirq maps {\n 4: e }"))
                .containsExactly("v.cdl:4:2: IRQ 4 maps 'e', which is not an irq object");
    }

    @Test
    void objectsAndControlCapsMustSuitTheArchitecture() throws Exception {
        assertThat(problems("arch arm11 objects { c = cnode (4 bits) } caps { c { 0: io_space_master } }"))
                .anyMatch(p -> p.contains("(io_space_master) is not valid for arm11"));
        assertThat(problems("arch pdp11 objects { e = ep }")).anyMatch(p -> p.contains("unknown architecture 'pdp11'"));
    }

    @Test
    void aModelBuiltInCodeIsCheckedToo() {
        java.util.Map<ObjId, KObject> objs = new java.util.LinkedHashMap<>();
        java.util.TreeMap<Long, Cap> slots = new java.util.TreeMap<>();
        slots.put(0L, Cap.to(CapType.ENDPOINT, ObjId.of("gone")));
        objs.put(ObjId.of("c"), new KObject(ObjectType.CNODE, List.of(KObject.Param.bits(4)), slots));
        objs.put(ObjId.of("t"), KObject.of(ObjectType.TCB));
        CapdlModel m = CapdlModel.of("aarch64", objs, java.util.Map.of(), java.util.Map.of());
        assertThat(CapdlValidator.check(m, "built")).extracting(Object::toString)
                .containsExactly("built:1:1: the cap in slot 0 of 'c' designates 'gone', which is not declared");
    }
}
