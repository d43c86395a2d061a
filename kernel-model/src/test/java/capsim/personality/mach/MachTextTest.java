package capsim.personality.mach;

import static capsim.personality.mach.Mach.insert;
import static capsim.personality.mach.Mach.item;
import static capsim.personality.mach.Mach.port;
import static capsim.personality.mach.Mach.receive;
import static capsim.personality.mach.Mach.send;
import static capsim.personality.mach.Mach.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The text a user reads of a Mach run: each step as its scenario line (counterexamples print steps so), the
 * event log, the state dump and the details drawn beside each object.
 */
class MachTextTest {

    @Test
    void everyStepPrintsAsItsScenarioLine() {
        assertThat(task("a", 0).text()).isEqualTo("task a");
        assertThat(task("a", 1).text()).isEqualTo("task a quota 1");
        assertThat(port("a", "p").text()).isEqualTo("a allocate-port p");
        assertThat(port("a", "p", 0).text()).isEqualTo("a allocate-port p limit 0");
        assertThat(new MachAction.AllocatePortSet("a", "s").text()).isEqualTo("a port-set s");
        assertThat(new MachAction.MoveMember("a", "p", "s").text()).isEqualTo("a move-member p s");
        assertThat(new MachAction.MoveMember("a", "p", null).text()).isEqualTo("a move-member p none");
        assertThat(insert("a", "p", Disposition.MAKE_SEND, null).text()).isEqualTo("a insert-right p make-send");
        assertThat(insert("a", "p", Disposition.MOVE_SEND_ONCE, "b").text()).isEqualTo("a insert-right p move-send-once into b");
        assertThat(send("a", "p", "").text()).isEqualTo("a send p");
        assertThat(send("a", "p", Disposition.MAKE_SEND_ONCE, "x", item("r", Disposition.MAKE_SEND),
                List.of(item("q", Disposition.MOVE_RECEIVE), item("t", Disposition.COPY_SEND)),
                List.of(new MachWorld.OolItem("buf", OolMode.MOVE))).text())
                .isEqualTo("a send p make-send-once \"x\" reply r make-send port q move-receive port t copy-send ool buf move");
        assertThat(receive("a", "p").text()).isEqualTo("a receive p");
        assertThat(new MachAction.Deallocate("a", "p").text()).isEqualTo("a deallocate p");
        assertThat(new MachAction.Destroy("a", "p").text()).isEqualTo("a destroy p");
        assertThat(new MachAction.ModRefs("a", "p", RightKind.SEND, 2).text()).isEqualTo("a mod-refs p send +2");
        assertThat(new MachAction.ModRefs("a", "p", RightKind.DEAD_NAME, 0).text()).isEqualTo("a mod-refs p dead-name 0");
        assertThat(new MachAction.ModRefs("a", "p", RightKind.SEND_ONCE, -1).text()).isEqualTo("a mod-refs p send-once -1");
        assertThat(new MachAction.RequestNotification("a", NotificationKind.NO_SENDERS, "p", "n").text())
                .isEqualTo("a request-notification no-senders p to n");
        assertThat(new MachAction.RequestNotification("a", NotificationKind.NO_SENDERS, "p", "n", 0).text())
                .isEqualTo("a request-notification no-senders p to n sync 0");
        assertThat(new MachAction.SetLimit("a", "p", 3).text()).isEqualTo("a set-limit p 3");
        assertThat(new MachAction.Region("a", "r", "hi").text()).isEqualTo("a region r \"hi\"");
        assertThat(new MachAction.Write("a", "r", "").text()).isEqualTo("a write r \"\"");
        assertThat(new MachAction.FreeRegion("a", "r").text()).isEqualTo("a free-region r");
    }

    @Test
    void everyWordReadsBackAsItsValue() {
        for (Disposition d : Disposition.values()) {
            assertThat(Disposition.fromWord(d.word())).isEqualTo(d);
            assertThat(Disposition.fromWord(d.name())).isEqualTo(d);
            assertThat(Disposition.words()).contains(d.word());
        }
        assertThat(Disposition.words()).startsWith("move-receive, ").doesNotEndWith(", ");
        for (NotificationKind k : NotificationKind.values()) {
            assertThat(NotificationKind.fromWord(k.word())).isEqualTo(k);
        }
        for (RightKind k : RightKind.values()) {
            assertThat(RightKind.fromWord(k.word())).isEqualTo(k);
        }
        for (OolMode m : OolMode.values()) {
            assertThat(OolMode.fromWord(m.word())).isEqualTo(m);
        }
        assertThat(Disposition.fromWord("copy")).isNull();
        assertThat(NotificationKind.fromWord("NO_SENDERS")).isNull();
        assertThat(RightKind.fromWord("receiver")).isNull();
        assertThat(OolMode.fromWord("COPY")).isNull();
        assertThat(NotificationKind.DEAD_NAME.word()).isEqualTo("dead-name");
        assertThat(OolMode.COPY.word()).isEqualTo("copy");
    }

    /** A server with a port in a set, a client with a region and a reply port, one message with rights and a page. */
    private static Mach sent() {
        Mach m = new Mach().clientServer();
        m.ok(task("third", 0));
        m.ok(port("server", "reply", 3));
        m.ok(new MachAction.AllocatePortSet("server", "set"));
        m.ok(new MachAction.MoveMember("server", "svc", "set"));
        m.ok(new MachAction.Region("client", "buf", "hello"));
        m.ok(new MachAction.Write("client", "buf", "page"));
        m.ok(new MachAction.RequestNotification("server", NotificationKind.NO_SENDERS, "svc", "reply"));
        m.ok(insert("server", "reply", Disposition.MAKE_SEND, "client"));
        m.ok(port("client", "inbox"));
        m.ok(new MachAction.RequestNotification("client", NotificationKind.DEAD_NAME, "reply", "inbox"));
        m.ok(send("client", "svc", null, "hi", item("inbox", Disposition.MAKE_SEND_ONCE),
                List.of(item("reply", Disposition.COPY_SEND)), List.of(new MachWorld.OolItem("buf", OolMode.COPY))));
        return m;
    }

    /** The details of the object named {@code name}. */
    private static List<String> details(Mach m, String name) {
        for (Map.Entry<Integer, String> e : m.w().names().entrySet()) {
            if (e.getValue().equals(name)) {
                return m.w().details(e.getKey());
            }
        }
        throw new AssertionError("no object " + name + " in " + m.w().names());
    }

    @Test
    void theDetailsOfEachObjectSayWhatItHolds() {
        Mach m = sent();
        assertThat(details(m, "server")).containsExactly("task server", "3 names, 0 regions");
        assertThat(details(m, "client.space")).containsExactly("[2] inbox receive 1", "[1] reply send 1", "[0] svc send 1");
        assertThat(details(m, "client.thread")).isEmpty();
        assertThat(details(m, "svc")).containsExactly("receiver server", "send 2, send-once 0", "queued 1/5", "in set set",
                "no-senders -> reply");
        assertThat(details(m, "reply")).containsExactly("receiver server", "send 2, send-once 1", "queued 0/3",
                "dead-name -> inbox");
        assertThat(details(m, "set")).containsExactly("owner server", "members svc");
        assertThat(details(m, "buf")).containsExactly("region buf of client");
        assertThat(details(m, "send-once #1")).containsExactly("prepaid for send-once #1 to reply");
        assertThat(details(m, "msg 1")).containsExactly("msg 1 to svc from client", "\"hi\"", "carries reply inbox:send-once#3",
                "carries reply:send");
        assertThat(details(m, "buf (copy)")).containsExactly("ool buf (copy) in msg 1");
    }

    @Test
    void theStateDumpListsNamesPortsMessagesAndSendOnceRights() {
        Mach m = sent();
        assertThat(m.w().stateText()).contains(
                "task client activity#4 thread#5 space#6\n  name inbox -> inbox receive slot 2\n"
                        + "  name reply -> reply send urefs 1 slot 1\n  name svc -> svc send urefs 1 slot 0\n  region buf frame#13\n",
                "  name set -> set port-set slot 2\n",
                "port reply alive queue#11 receiver=server srights=2 sorights=1 mscount=1 limit=3 set=null queued=[] "
                        + "request dead-name by client (reply) to inbox #2\n",
                "port svc alive queue#7 receiver=server srights=2 sorights=0 mscount=1 limit=5 set=set queued=[1] "
                        + "request no-senders by server (svc) to reply #1\n",
                "  msg 1 seq 1 to svc via send from client frame#17 \"hi\" rights [reply inbox:send-once#3, reply:send] "
                        + "ool [buf(copy frame#19)]\n",
                "set set owner=server queue#12 members=[svc]\n",
                "send-once #1 to reply frame#14 made by server\n",
                "next-so=4 next-msg=2 next-seq=2 send-log=4 no-senders=[]");
    }

    @Test
    void theEventLogTellsTheRunStepByStep() {
        Mach m = sent();
        m.ok(receive("server", "set"));
        m.ok(new MachAction.ModRefs("client", "reply", RightKind.SEND, 1));
        m.ok(new MachAction.ModRefs("client", "reply", RightKind.SEND, -1));
        m.ok(new MachAction.SetLimit("server", "svc", 0));
        m.ok(new MachAction.Deallocate("client", "svc"));
        m.ok(new MachAction.Destroy("server", "reply"));
        m.ok(new MachAction.FreeRegion("client", "buf"));
        assertThat(m.w().events()).containsExactly(
                "task server created (quota 40)",
                "task client created (quota 40)",
                "server allocates port svc (limit 5)",
                "server inserts MAKE_SEND of svc into client as svc:send",
                "task third created",
                "server allocates port reply (limit 3)",
                "server allocates port set set",
                "server moves svc into port set set",
                "client allocates region buf \"hello\"",
                "client writes region buf \"page\"",
                "server requests no-senders notification for svc to port reply (send-once #1)",
                "server inserts MAKE_SEND of reply into client as reply:send",
                "client allocates port inbox (limit 5)",
                "client requests dead-name notification for reply to port inbox (send-once #2)",
                "msg 1: client sends to port svc (COPY_SEND) \"hi\" reply inbox send-once carrying reply send ool buf copy",
                "msg 1: server receives from port svc: \"hi\", rights inbox:send-once reply:send, regions buf",
                "client mod-refs reply send +1",
                "client mod-refs reply send -1",
                "server sets the queue limit of svc to 0",
                "msg 2: notify no-senders for svc to port reply (of server)",
                "client deallocates a send reference of svc",
                "server destroys reply (send-receive)",
                "port reply dies",
                "msg 3: notify dead-name for reply to port inbox (of client)",
                "msg 2 destroyed (port reply died)",
                "client deallocates region buf");
        assertThat(m.w().stateText()).contains("  name reply -> reply dead-name urefs 1 slot 1\n",
                "  name inbox -> inbox send-once #3 slot 3\n",
                "  got msg 1 from client on svc \"hi\" rights inbox:send-once,reply:send regions buf\n",
                "port reply dead\n",
                "  msg 3 seq 3 to inbox via send-once from kernel frame#16 notification dead-name reply\n",
                "send-once #1 used\n");
        assertThat(details(m, "server.space")).containsExactly("[3] inbox send-once", "[2] set port-set 1", "[0] svc receive 1");
        assertThat(details(m, "client.space")).containsExactly("[2] inbox receive 1", "[1] reply dead-name 1");
        assertThat(details(m, "msg 3")).containsExactly("msg 3 to inbox from kernel", "dead-name reply");
        assertThat(details(m, "svc")).containsExactly("receiver server", "send 0, send-once 0", "queued 0/0", "in set set");
    }
}
