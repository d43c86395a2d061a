package capsim.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/** One end of a loopback TCP link in the stream tests: writes encoded messages, reads framed ones on a thread. */
final class SocketEnd {
    private SocketEnd() {
    }

    /** Takes one received message; a protocol error ends the link like a cut. */
    interface Receiver {
        void accept(Message m) throws ProtocolException;
    }

    /** Writes {@code m} as its wire bytes; a failure is ignored (the reader side reports the loss). */
    static void write(Socket s, Message m) {
        try {
            OutputStream out = s.getOutputStream();
            ByteBuffer b = Codec.encode(m);
            out.write(b.array(), 0, b.remaining());
            out.flush();
        } catch (IOException e) {
            // the link is going away; the reader side reports it
        }
    }

    /**
     * Starts a daemon thread that frames what {@code s} receives and hands each message to {@code received};
     * when the stream ends or fails (a cut link reads as either; so does a protocol error) it runs {@code lost} once and closes the socket.
     * Both callbacks run on the reader thread: they take whatever lock their object needs.
     */
    static Thread reader(Socket s, String name, Receiver received, Runnable lost) {
        Thread th = new Thread(() -> {
            Framer f = new Framer();
            byte[] buf = new byte[512];
            try (InputStream in = s.getInputStream()) {
                s.setSoTimeout(5000);
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (Message m : f.feed(ByteBuffer.wrap(buf, 0, n))) {
                        received.accept(m);
                    }
                }
            } catch (IOException | ProtocolException e) {
                // a cut link: end of stream or an error, both are link loss
            } finally {
                lost.run();
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, name);
        th.setDaemon(true);
        th.start();
        return th;
    }
}
