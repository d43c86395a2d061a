package capsim.visual;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.ClientServerFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SequenceChartTest {

    /** Client calls, server replies through the reply queue, client collects. */
    static Recording rpcRun() {
        ClientServerFixture w = new ClientServerFixture("revised");
        Recorder r = new Recorder("rpc", w.k, w.names);
        r.step("server readies its buffer", k -> {
            w.serverReady();
            return null;
        });
        r.step("client writes", k -> {
            w.clientWrites();
            return null;
        });
        r.step("client calls", k -> {
            w.clientCalls();
            return null;
        });
        r.step("server replies", k -> {
            k.writeMessage(w.server, a(3), new int[0], "ok".getBytes());
            return k.send(w.server, a(3), a(20), true);
        });
        r.step("client collects", k -> {
            k.collect(w.client);
            return null;
        });
        return r.recording();
    }

    static Document xml(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> texts(Document d) {
        List<String> r = new ArrayList<>();
        NodeList l = d.getElementsByTagName("text");
        for (int i = 0; i < l.getLength(); i++) {
            r.add(l.item(i).getTextContent());
        }
        return r;
    }

    @Test
    void threadsQueuesAndTheKernelAreLifelinesAndMessagesAreArrows() throws Exception {
        Recording rec = rpcRun();
        Document d = xml(SequenceChart.svg(rec));
        List<String> lifelines = new ArrayList<>();
        NodeList groups = d.getElementsByTagName("g");
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals("lifeline")) {
                lifelines.add(g.getAttribute("data-lifeline"));
            } else if (g.getAttribute("class").equals("step")) {
                steps.add(g.getAttribute("data-step"));
            }
        }
        ClientServerFixture w = new ClientServerFixture("revised");
        assertThat(lifelines).containsExactly("kernel", "t" + w.server, "q" + w.serverQueue, "t" + w.client, "q" + w.clientReplyQueue);
        assertThat(steps).containsExactly("1", "2", "3", "4", "5");
        List<String> texts = texts(d);
        assertThat(texts).contains("server", "client", "queue server-q", "msg 1 send", "msg 1 delivered",
                "msg 1 transfer, 2 caps", "msg 1 activate (server-buf, id 77)", "collect");
        // the server's send answers the client's call: it is drawn as a reply
        assertThat(texts).contains("msg 2 reply", "msg 2 delivered").doesNotContain("msg 2 send");
    }

    @Test
    void aQueuedMessageWhoseTargetDiesFailsItsSender() throws Exception {
        ClientServerFixture w = new ClientServerFixture("messenger-2008");
        w.k.boot().setBlocked(w.serverBuf, true);
        Recorder r = new Recorder("failure", w.k, w.names);
        r.step("client writes", k -> {
            w.clientWrites();
            return null;
        });
        r.step("client sends to the blocked server buffer", k -> {
            k.configureBuffer(w.client, a(3), capsim.kernel.MessageBuffer.ACTIVATE_ON_SEND, 5);
            return k.send(w.client, a(3), a(5), true);
        });
        r.step("server frees its buffer", k -> {
            k.free(w.server, a(3));
            return null;
        });
        List<String> texts = texts(xml(SequenceChart.svg(r.recording())));
        assertThat(texts).contains("msg 1 failed: EFAULT");
        assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("msg 1 queued"));
    }

    @Test
    void namesAreEscaped() throws Exception {
        ClientServerFixture w = new ClientServerFixture("revised");
        w.names.put(w.client, "<client & co>");
        Recorder r = new Recorder("esc <title>", w.k, w.names);
        r.step("ready", k -> {
            w.serverReady();
            w.clientWrites();
            w.clientCalls();
            return null;
        });
        Document d = xml(SequenceChart.svg(r.recording()));
        assertThat(texts(d)).contains("<client & co>");
    }
}
