package capsim.stream;

import java.util.LinkedHashMap;
import java.util.Map;

/** Routes decoded messages to the end point serving their link id; an unknown link is a protocol error. */
public final class Router {
    /** Something that takes the messages of one link. */
    public interface Endpoint {
        void receive(Message m) throws ProtocolException;
    }

    private final Map<Long, Endpoint> links = new LinkedHashMap<>();

    public void attach(long linkId, Endpoint e) {
        if (links.putIfAbsent(linkId, e) != null) {
            throw new IllegalStateException("link " + linkId + " already has an end point");
        }
    }

    public void detach(long linkId) {
        links.remove(linkId);
    }

    public int links() {
        return links.size();
    }

    public void route(Message m) throws ProtocolException {
        Endpoint e = links.get(m.linkId());
        if (e == null) {
            throw new ProtocolException(0, ProtocolException.Reason.UNKNOWN_LINK, "no end point serves link " + m.linkId());
        }
        e.receive(m);
    }
}
