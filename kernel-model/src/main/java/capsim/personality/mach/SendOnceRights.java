package capsim.personality.mach;

import capsim.kernel.CapType;
import capsim.personality.PersonalityException;
import java.util.List;

/**
 * Send-once rights: made with a prepaid page, ended exactly once (used by a message, or released unused,
 * which sends a send-once notification, or dead with their port); every ending is logged for the invariant.
 */
final class SendOnceRights {
    private SendOnceRights() {
    }

    static int makeSendOnce(MachWorld w, Port p, Task maker) throws PersonalityException {
        int id = w.nextSo;
        int frame = w.allocate(CapType.FRAME, maker.activity, "send-once #" + id, "reply-page");
        w.nextSo++;
        w.sendOnces.put(id, new SendOnceRight(id, p.label, frame, maker.name));
        p.sorights++;
        return id;
    }

    /** Ends send-once right {@code id} ({@code used}, {@code notified} or {@code died}); returns it. */
    static SendOnceRight endSendOnce(MachWorld w, int id, String how) {
        SendOnceRight so = w.sendOnces.remove(id);
        if (so == null) {
            throw new IllegalStateException("send-once #" + id + " is not live");
        }
        Port p = w.ports.get(so.port());
        if (p.alive) {
            p.sorights--;
        }
        w.soEnded.merge(id, how, (a, b) -> a + "+" + b);
        return so;
    }

    /** A send-once right destroyed unused: the kernel sends a send-once notification to its port with it. */
    static void releaseUnused(MachWorld w, int id) throws PersonalityException {
        if (!w.sendOnces.containsKey(id)) {
            return; // it died with its port
        }
        SendOnceRight so = endSendOnce(w, id, "notified");
        Notifications.notify(w, so, NotificationKind.SEND_ONCE, so.port(), List.of());
    }

    /** A name's send-once right is released unused (deallocate, mod-refs -1). */
    static void releaseSendOnceName(MachWorld w, Task t, RightEntry e) throws PersonalityException {
        int so = e.sendOnce;
        Notifications.cancelDeadNameRequests(w, t, e);
        NameSpace.removeEntry(w, t, e);
        w.event(t.name + " deallocates send-once right " + e.name);
        releaseUnused(w, so);
    }
}
