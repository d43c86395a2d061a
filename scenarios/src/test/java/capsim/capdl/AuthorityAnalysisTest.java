package capsim.capdl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The take-grant closure between threads: each rule, and the fixpoint capDL-tool's single round misses. */
class AuthorityAnalysisTest {
    /** Threads a, b, c, each with its own CNode (slot n of x_cn), plus whatever {@code caps} puts in them. */
    private static AuthorityAnalysis of(String objects, String caps) throws CapdlException {
        String text = "arch aarch64 objects { a = tcb b = tcb c = tcb a_cn = cnode (4 bits) b_cn = cnode (4 bits)"
                + " c_cn = cnode (4 bits) e1 = ep e2 = ep n = notification " + objects + " }"
                + " caps { a { cspace: a_cn } b { cspace: b_cn } c { cspace: c_cn } " + caps + " }";
        AuthorityAnalysis x = AuthorityAnalysis.of(Capdl.load("a.cdl", text));
        assertThat(x.threads()).containsExactly(ObjId.of("a"), ObjId.of("b"), ObjId.of("c"));
        return x;
    }

    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    @Test
    void threadsWithNothingInCommonAreIsolated() throws Exception {
        AuthorityAnalysis x = of("", "a_cn { 1: e1 (RW) } b_cn { 1: e2 (RW) }");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(x.authority(i, j) || x.leaks(i, j) || x.flows(i, j)).as(i + " -> " + j).isFalse();
            }
        }
    }

    @Test
    void sendingWithGrantLeaksToTheReceiverAndPassesItsAuthority() throws Exception {
        AuthorityAnalysis x = of("", "a_cn { 1: e1 (WG) 2: c } b_cn { 1: e1 (R) }");
        assertThat(x.leaks(A, B)).isTrue();
        assertThat(x.leaks(B, A)).isFalse();
        assertThat(x.authority(A, C)).isTrue();          // a holds c's TCB
        assertThat(x.authority(B, C)).isTrue();          // and can grant it to b
        assertThat(x.authority(C, A)).isFalse();
        assertThat(x.flows(A, B)).isTrue();
    }

    @Test
    void withoutGrantOnlyInformationPasses() throws Exception {
        AuthorityAnalysis x = of("", "a_cn { 1: e1 (W) 2: c } b_cn { 1: e1 (R) }");
        assertThat(x.leaks(A, B)).isFalse();
        assertThat(x.authority(B, C)).isFalse();
        assertThat(x.flows(A, B)).isTrue();
        assertThat(x.flows(B, A)).isTrue();              // a synchronous send tells the sender when b received
    }

    @Test
    void aReceiverWithGrantLeaksToItsCallerThroughTheReplyCap() throws Exception {
        AuthorityAnalysis x = of("", "a_cn { 1: e1 (WP) } b_cn { 1: e1 (RG) 2: c }");
        assertThat(x.leaks(B, A)).isTrue();
        assertThat(x.leaks(A, B)).isFalse();
        assertThat(x.authority(A, C)).isTrue();
        // the same call to a receiver without Grant: the reply cannot carry caps
        AuthorityAnalysis y = of("", "a_cn { 1: e1 (WP) } b_cn { 1: e1 (R) 2: c }");
        assertThat(y.leaks(B, A)).isFalse();
        assertThat(y.authority(A, C)).isFalse();
    }

    @Test
    void aSharedCNodeLeaksBothWays() throws Exception {
        AuthorityAnalysis x = of("", "a_cn { 1: c_cn } ");
        assertThat(x.leaks(A, C)).isTrue();
        assertThat(x.leaks(C, A)).isTrue();
        assertThat(x.authority(A, C)).isTrue();          // a holds c's CSpace root
        assertThat(x.authority(C, A)).isTrue();          // c can come to hold a's... through what a holds
    }

    @Test
    void notificationsAndSharedFramesPassInformationOneWay() throws Exception {
        AuthorityAnalysis x = of("f = frame (4k)", "a_cn { 1: n (W) 2: f (RW) } b_cn { 1: n (R) } c_cn { 1: f (R) }");
        assertThat(x.flows(A, B)).isTrue();
        assertThat(x.flows(B, A)).isFalse();
        assertThat(x.flows(A, C)).isTrue();
        assertThat(x.flows(C, A)).isFalse();
        assertThat(x.leaks(A, B) || x.leaks(A, C)).isFalse();
    }

    @Test
    void anUntypedCoveringAThreadIsAuthorityOverIt() throws Exception {
        String text = "arch aarch64 objects { a = tcb a_cn = cnode (4 bits) mem = ut (16 bits) { b = tcb } }"
                + " caps { a { cspace: a_cn } a_cn { 1: mem } }";
        AuthorityAnalysis x = AuthorityAnalysis.of(Capdl.load("u.cdl", text));
        assertThat(x.authority(0, 1)).isTrue();
        assertThat(x.authority(1, 0)).isFalse();
    }

    @Test
    void theClosureRunsToAFixpointWhereCapdlToolStopsAfterOneRound() throws Exception {
        // a can give b a TCB cap to c; only after that can b give c everything b holds (capDL-tool: one round, b -> c missed)
        AuthorityAnalysis x = of("", "a_cn { 1: e1 (WG) 2: c } b_cn { 1: e1 (R) 2: e2 (RW) }");
        assertThat(x.leaks(B, C)).isTrue();
        assertThat(x.rounds()).isGreaterThan(1);
        assertThat(x.text()).contains("t0   a").contains("authority (row can come to hold authority over column");
    }
}
