package capsim.dialect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import capsim.stream.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpTransportTest {
    /**
     * Another process on the machine connects to the link's port before the link does: the link must still
     * pair its own two sockets, and the intruder must be turned away (its connection closed, nothing carried).
     */
    @Test
    void anIntruderThatConnectsFirstDoesNotBecomeTheLink() throws Exception {
        Socket[] intruder = new Socket[1];
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            TcpTransport t = new TcpTransport(port -> {
                try {
                    intruder[0] = new Socket(InetAddress.getLoopbackAddress(), port);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Message m = new Message(7, 1, 42, false, List.of());
            assertThat(t.carry(m, true)).containsExactly(m);
            Message back = new Message(7, 1, 42, true, List.of());
            assertThat(t.carry(back, false)).containsExactly(back);
            intruder[0].setSoTimeout(5_000);
            assertThat(intruder[0].getInputStream().read()).as("the intruder's connection is closed").isEqualTo(-1);
        });
        intruder[0].close();
    }
}
