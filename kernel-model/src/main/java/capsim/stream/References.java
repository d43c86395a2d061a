package capsim.stream;

import java.util.HashMap;
import java.util.Map;

/**
 * Reference counting of objects named across a link. A side exports an object by sending a referenced-data
 * item ({@link Item.Reference}) and counts each one sent; the other side counts each one received and,
 * when its last local use goes, releases them all at once. The exporter keeps the object until every
 * reference it sent has been released; on link loss both sides drop everything, so nothing leaks.
 */
public final class References {
    private final long linkId;
    /** object id → references sent and not yet released (exporter side). */
    private final Map<Long, Integer> exported = new HashMap<>();
    /** object id → references received and still held (importer side). */
    private final Map<Long, Integer> imported = new HashMap<>();

    public References(long linkId) {
        this.linkId = linkId;
    }

    /** Exports {@code objectId}: the item to put in a message, counted until released. */
    public Item.Reference export(int itemId, long objectId) {
        exported.merge(objectId, 1, Integer::sum);
        return new Item.Reference(itemId, linkId, objectId);
    }

    /** A reference arrived in a message: the object is now held here. */
    public void imported(Item.Reference r) throws ProtocolException {
        if (r.linkId() != linkId) {
            throw new ProtocolException(0, ProtocolException.Reason.UNKNOWN_LINK,
                    "a reference to link " + r.linkId() + " arrived on link " + linkId);
        }
        imported.merge(r.objectId(), 1, Integer::sum);
    }

    /** The importer's last use of {@code objectId} went: how many references to release (0 if none held). */
    public int dropImport(long objectId) {
        Integer n = imported.remove(objectId);
        return n == null ? 0 : n;
    }

    /** One local use of {@code objectId} went: 1 reference to release, or 0 if none was held. */
    public int dropOne(long objectId) {
        Integer n = imported.get(objectId);
        if (n == null) {
            return 0;
        }
        if (n == 1) {
            imported.remove(objectId);
        } else {
            imported.put(objectId, n - 1);
        }
        return 1;
    }

    /** The peer released {@code count} references; true when the object is no longer referenced across the link. */
    public boolean released(long objectId, int count) throws ProtocolException {
        Integer held = exported.get(objectId);
        if (held == null || count <= 0 || count > held) {
            throw new ProtocolException(0, ProtocolException.Reason.BAD_TRANSACTION,
                    "release of " + count + " references to object " + objectId + ", " + (held == null ? 0 : held) + " outstanding");
        }
        if (held == count) {
            exported.remove(objectId);
            return true;
        }
        exported.put(objectId, held - count);
        return false;
    }

    /** References to {@code objectId} this side exported and the peer still holds. */
    public int exportedCount(long objectId) {
        return exported.getOrDefault(objectId, 0);
    }

    public int importedCount(long objectId) {
        return imported.getOrDefault(objectId, 0);
    }

    /** Total outstanding references either way (0 when nothing crosses the link). */
    public int outstanding() {
        return exported.values().stream().mapToInt(Integer::intValue).sum()
                + imported.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The link is gone: every reference either way is dropped. */
    public void linkLost() {
        exported.clear();
        imported.clear();
    }
}
