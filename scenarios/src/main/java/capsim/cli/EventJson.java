package capsim.cli;

import capsim.kernel.Capability;
import capsim.kernel.Event;
import java.util.Map;

/**
 * A kernel event as JSON fields, read through the event records' accessors (no reflection, no parsing of the
 * text line): {@code kind} (the record's name), {@code msg} where the event belongs to a message, every object
 * it names as {@code {"oid":N,"name":"..."}} (name null when the scenario gave none), capabilities as
 * {@code {"type","oid","version","rights","payload","name"}}, counts and outcomes as plain fields. Field names
 * are the record components of {@link Event}. The shape is documented in docs/trace-json.md; the switch is
 * exhaustive, so a new event type does not compile until it is written here too.
 */
final class EventJson {
    private final Map<Integer, String> names;

    EventJson(Map<Integer, String> names) {
        this.names = names;
    }

    /** {@code e}'s fields added to {@code j} (after whatever {@code j} holds). */
    Json fields(Json j, Event e) {
        j.put("kind", e.getClass().getSimpleName());
        return switch (e) {
            case Event.Allocated a -> obj(j, "object", a.oid()).put("objectType", a.type().word())
                    .put("activity", ref(a.activity()));
            case Event.Freed f -> obj(j, "object", f.oid()).put("objectType", f.type().word())
                    .put("activity", ref(f.activity()));
            case Event.Reidentified r -> obj(j, "object", r.oid()).put("objectType", r.type().word())
                    .put("newVersion", r.newVersion());
            case Event.SlotWritten w -> obj(j, "thread", w.thread()).put("page", ref(w.page())).put("slot", w.slot())
                    .put("cap", cap(w.cap()));
            case Event.BufferSlotSet b -> obj(j, "thread", b.thread()).put("buffer", ref(b.buffer()))
                    .put("slot", b.slot().word()).put("cap", cap(b.cap()));
            case Event.BufferConfigured b -> obj(j, "buffer", b.buffer()).put("flags", b.flags()).put("id", b.id());
            case Event.MessageWritten m -> obj(j, "buffer", m.buffer()).put("frame", ref(m.frame()))
                    .put("capCount", m.capCount()).put("dataCount", m.dataCount());
            case Event.QuotaSet q -> obj(j, "activity", q.activity()).put("quota", q.quota());
            case Event.ThreadConfigured t -> obj(j, "thread", t.thread()).put("asRoot", cap(t.asRoot()))
                    .put("activityCap", cap(t.activity()));
            case Event.Sent s -> msg(j, s.msg()).put("thread", ref(s.thread())).put("source", ref(s.source()))
                    .put("target", ref(s.target())).put("protectedPayload", s.protectedPayload());
            case Event.Enqueued q -> msg(j, q.msg()).put("source", ref(q.source())).put("target", ref(q.target()));
            case Event.ReceiverWaiting r -> obj(j, "buffer", r.buffer()).put("queue", ref(r.queue()));
            case Event.BlockChanged b -> obj(j, "buffer", b.buffer()).put("blocked", b.blocked());
            case Event.TransferStarted t -> msg(j, t.msg()).put("source", ref(t.source())).put("target", ref(t.target()))
                    .put("caps", t.caps());
            case Event.CapTransferred c -> msg(j, c.msg()).put("index", c.index()).put("cap", cap(c.cap()))
                    .put("page", ref(c.page())).put("slot", c.slot()).put("stored", c.page() >= 0);
            case Event.AddressesWritten a -> msg(j, a.msg()).put("frame", ref(a.frame())).put("count", a.count())
                    .put("voided", a.voided());
            case Event.BytesCopied b -> msg(j, b.msg()).put("from", ref(b.from())).put("to", ref(b.to()))
                    .put("bytes", b.bytes());
            case Event.FrameDetached f -> msg(j, f.msg()).put("buffer", ref(f.buffer())).put("frame", ref(f.frame()));
            case Event.FrameHandedOff f -> msg(j, f.msg()).put("frame", ref(f.frame())).put("from", ref(f.from()))
                    .put("to", ref(f.to())).put("chargedTo", ref(f.chargedTo()));
            case Event.FrameCleared f -> obj(j, "frame", f.frame());
            case Event.Preempted p -> msg(j, p.msg()).put("work", p.work());
            case Event.Resumed r -> msg(j, r.msg());
            case Event.Delivered d -> msg(j, d.msg()).put("source", ref(d.source())).put("target", ref(d.target()));
            case Event.SenderFailed f -> msg(j, f.msg()).put("source", ref(f.source())).put("reason", f.reason().name());
            case Event.MessageWithdrawn w -> msg(j, w.msg()).put("source", ref(w.source()));
            case Event.ReceiverFailed f -> obj(j, "buffer", f.buffer()).put("reason", f.reason().name());
            case Event.Activated a -> msgIfAny(j, a.msg()).put("thread", ref(a.thread())).put("buffer", ref(a.buffer()))
                    .put("id", a.id()).put("protectedPayload", a.protectedPayload());
            case Event.ActivationPending p -> msgIfAny(j, p.msg()).put("thread", ref(p.thread()))
                    .put("buffer", ref(p.buffer()));
            case Event.ActivationDropped d -> msg(j, d.msg()).put("buffer", ref(d.buffer())).put("thread", ref(d.thread()))
                    .put("reason", d.reason().name());
            case Event.ErrorDropped d -> msg(j, d.msg()).put("source", ref(d.source())).put("reason", d.reason().name());
            case Event.DestructionPreempted d -> obj(j, "object", d.oid()).put("work", d.work());
            case Event.DestructionResumed d -> obj(j, "object", d.oid());
            case Event.Collected c -> obj(j, "thread", c.thread());
        };
    }

    private static Json msg(Json j, int msg) {
        return j.put("msg", msg);
    }

    /** Activations carry msg 0 for an error wake-up: then the field is null. */
    private static Json msgIfAny(Json j, int msg) {
        return msg != 0 ? j.put("msg", msg) : j.put("msg", (Json) null);
    }

    private Json obj(Json j, String key, int oid) {
        return j.put(key, ref(oid));
    }

    /** An object named by an event: its oid and scenario name; null for "no object" (a negative oid). */
    Json ref(int oid) {
        return oid < 0 ? null : new Json().put("oid", oid).put("name", names.get(oid));
    }

    /** A capability: its type, object, version, rights and protected payload; null for the void capability. */
    Json cap(Capability c) {
        if (c.isVoid()) {
            return null;
        }
        return new Json().put("type", c.type().word()).put("oid", c.oid()).put("name", names.get(c.oid()))
                .put("version", c.version()).put("rights", c.rights().word()).put("payload", c.payload());
    }
}
