package capsim.personality.mach;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityException;
import java.util.List;

/**
 * One Mach operation, as data. {@link #text()} is the scenario line (without an outcome) that the Mach
 * dialect reads back to an equal action.
 */
public sealed interface MachAction extends PersonalityAction<MachWorld> {

    /** {@code task NAME [quota N]}: a task with its activity, thread and name space. */
    record CreateTask(String name, long quota) implements MachAction {
        public String text() {
            return "task " + name + (quota > 0 ? " quota " + quota : "");
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.createTask(name, quota);
        }
    }

    /** {@code TASK allocate-port LABEL [limit N]}: mach_port_allocate(RECEIVE). */
    record AllocatePort(String task, String label, int limit) implements MachAction {
        public String text() {
            return task + " allocate-port " + label + (limit != Port.DEFAULT_LIMIT ? " limit " + limit : "");
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.allocatePort(task, label, limit);
        }
    }

    /** {@code TASK port-set LABEL}: mach_port_allocate(PORT_SET). */
    record AllocatePortSet(String task, String label) implements MachAction {
        public String text() {
            return task + " port-set " + label;
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.allocatePortSet(task, label);
        }
    }

    /** {@code TASK move-member NAME SET|none}: mach_port_move_member. */
    record MoveMember(String task, String name, String set) implements MachAction {
        public String text() {
            return task + " move-member " + name + " " + (set == null ? "none" : set);
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.moveMember(task, name, set);
        }
    }

    /** {@code TASK insert-right NAME DISPOSITION [into TASK]}: mach_port_insert_right. */
    record InsertRight(String task, String name, Disposition disposition, String into) implements MachAction {
        public String text() {
            return task + " insert-right " + name + " " + disposition.word() + (into == null ? "" : " into " + into);
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.insertRight(task, name, disposition, into);
        }
    }

    /**
     * {@code TASK send DEST [DISPOSITION] ["data"] [reply NAME DISPOSITION] [port NAME DISPOSITION]...
     * [ool REGION copy|move|swap]...}: mach_msg(SEND) with a zero timeout.
     */
    record Send(String task, String dest, Disposition disposition, String data, MachWorld.PortItem reply,
                List<MachWorld.PortItem> body, List<MachWorld.OolItem> ool) implements MachAction {
        public Send {
            data = data == null ? "" : data;
            body = List.copyOf(body);
            ool = List.copyOf(ool);
        }

        public String text() {
            StringBuilder b = new StringBuilder(task).append(" send ").append(dest);
            if (disposition != null) {
                b.append(' ').append(disposition.word());
            }
            if (!data.isEmpty()) {
                b.append(' ').append(MachText.quote(data));
            }
            if (reply != null) {
                b.append(" reply ").append(reply.name()).append(' ').append(reply.disposition().word());
            }
            for (MachWorld.PortItem p : body) {
                b.append(" port ").append(p.name()).append(' ').append(p.disposition().word());
            }
            for (MachWorld.OolItem o : ool) {
                b.append(" ool ").append(o.region()).append(' ').append(o.mode().word());
            }
            return b.toString();
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.send(task, dest, disposition, data, reply, body, ool);
        }
    }

    /** {@code TASK receive NAME}: mach_msg(RECEIVE) with a zero timeout, on a receive right or a port set. */
    record Receive(String task, String name) implements MachAction {
        public String text() {
            return task + " receive " + name;
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.receive(task, name);
        }
    }

    /** {@code TASK deallocate NAME}: mach_port_deallocate. */
    record Deallocate(String task, String name) implements MachAction {
        public String text() {
            return task + " deallocate " + name;
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.deallocate(task, name);
        }
    }

    /** {@code TASK destroy NAME}: mach_port_destroy. */
    record Destroy(String task, String name) implements MachAction {
        public String text() {
            return task + " destroy " + name;
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.destroy(task, name);
        }
    }

    /** {@code TASK mod-refs NAME RIGHT DELTA}: mach_port_mod_refs. */
    record ModRefs(String task, String name, RightKind right, int delta) implements MachAction {
        public String text() {
            return task + " mod-refs " + name + " " + right.word() + " " + (delta > 0 ? "+" : "") + delta;
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.modRefs(task, name, right, delta);
        }
    }

    /** {@code TASK request-notification KIND NAME to NOTIFY}: mach_port_request_notification. */
    record RequestNotification(String task, NotificationKind kind, String name, String notifyPort, Integer sync)
            implements MachAction {
        /** A request without a {@code sync} count. */
        public RequestNotification(String task, NotificationKind kind, String name, String notifyPort) {
            this(task, kind, name, notifyPort, null);
        }

        public String text() {
            return task + " request-notification " + kind.word() + " " + name + " to " + notifyPort
                    + (sync == null ? "" : " sync " + sync);
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.requestNotification(task, kind, name, notifyPort, sync);
        }
    }

    /** {@code TASK set-limit NAME N}: mach_port_set_attributes(MACH_PORT_LIMITS_INFO). */
    record SetLimit(String task, String name, int limit) implements MachAction {
        public String text() {
            return task + " set-limit " + name + " " + limit;
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.setLimit(task, name, limit);
        }
    }

    /** {@code TASK region NAME "data"}: vm_allocate of one page, written. */
    record Region(String task, String region, String data) implements MachAction {
        public String text() {
            return task + " region " + region + " " + MachText.quote(data);
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.region(task, region, data);
        }
    }

    /** {@code TASK write NAME "data"}: the task writes its region. */
    record Write(String task, String region, String data) implements MachAction {
        public String text() {
            return task + " write " + region + " " + MachText.quote(data);
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.write(task, region, data);
        }
    }

    /** {@code TASK free-region NAME}: vm_deallocate. */
    record FreeRegion(String task, String region) implements MachAction {
        public String text() {
            return task + " free-region " + region;
        }

        public String apply(MachWorld w) throws PersonalityException {
            return w.freeRegion(task, region);
        }
    }
}
