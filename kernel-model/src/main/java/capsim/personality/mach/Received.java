package capsim.personality.mach;

import java.util.List;

/**
 * A message as a task received it: the data, the names the carried rights got in its space
 * ({@code name:type}, or {@code DEAD} for a right to a port that died in transit), the regions it got, and for
 * a kernel notification its kind and subject (the port label, or for dead-name the requester's name).
 */
public record Received(int msg, String from, String port, String data, NotificationKind notification, String subject,
                       List<String> rights, List<String> regions) {
    public Received {
        rights = List.copyOf(rights);
        regions = List.copyOf(regions);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("msg ").append(msg).append(" from ").append(from).append(" on ").append(port);
        if (notification != null) {
            b.append(" notification ").append(notification.word()).append(' ').append(subject);
        } else {
            b.append(' ').append(MachText.quote(data));
        }
        if (!rights.isEmpty()) {
            b.append(" rights ").append(String.join(",", rights));
        }
        if (!regions.isEmpty()) {
            b.append(" regions ").append(String.join(",", regions));
        }
        return b.toString();
    }
}
