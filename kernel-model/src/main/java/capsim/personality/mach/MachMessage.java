package capsim.personality.mach;

import java.util.List;

/**
 * A queued message. Its inline data sits in {@code frame}: a page charged to the sender's activity, or for a
 * message sent through a send-once right (a reply, a notification) the page that right prepaid. It holds a
 * send right to its destination ({@code destRight} SEND, counted in the port's send rights until received),
 * or used a send-once right; the rights and out-of-line pages it carries are in transit with it.
 * {@code notification} is set for kernel notifications ({@code sender} "kernel").
 */
public record MachMessage(int id, long seq, String dest, RightKind destRight, Disposition destDisposition, String sender,
                          int frame, String data, List<CarriedRight> rights, List<OolPage> ool,
                          NotificationKind notification, String subject) {
    public MachMessage {
        rights = List.copyOf(rights);
        ool = List.copyOf(ool);
    }

    public boolean kernel() {
        return notification != null;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("msg ").append(id).append(" seq ").append(seq).append(" to ").append(dest)
                .append(" via ").append(destRight.word()).append(" from ").append(sender).append(" frame#").append(frame);
        if (notification != null) {
            b.append(" notification ").append(notification.word()).append(' ').append(subject);
        } else {
            b.append(' ').append(MachText.quote(data));
        }
        if (!rights.isEmpty()) {
            b.append(" rights ").append(rights);
        }
        if (!ool.isEmpty()) {
            b.append(" ool ").append(ool);
        }
        return b.toString();
    }
}
