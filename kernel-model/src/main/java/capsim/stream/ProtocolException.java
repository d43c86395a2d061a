package capsim.stream;

/** Bytes that are not a valid message: where (byte offset from the message start) and why. */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a byte sequence is not a message. */
    public enum Reason {
        /** Fewer bytes than the header or a length field says. */
        TRUNCATED,
        /** The message length is below the header size, or covers padding past its last item's data. */
        BAD_LENGTH,
        /** The message length exceeds 65,535 bytes (cannot happen on the wire; guards encoders). */
        LENGTH_OVER_LIMIT,
        /** An item's length runs past its container, or a reference item is not 16 bytes. */
        BAD_ITEM_LENGTH,
        /** An item id has both the nested and the referenced-data bit. */
        BAD_ITEM_ID,
        /** A padding byte is not zero. */
        BAD_PADDING,
        /** Items nest deeper than {@link Codec#MAX_DEPTH}. */
        NESTING_TOO_DEEP,
        /** A message names a link this end point does not serve. */
        UNKNOWN_LINK,
        /** A CREATE for a msgid in use, or in the range the other side hands out. */
        BAD_TRANSACTION
    }

    private final int offset;
    private final Reason reason;

    public ProtocolException(int offset, Reason reason, String detail) {
        super(reason + " at byte " + offset + ": " + detail, null, false, false);
        this.offset = offset;
        this.reason = reason;
    }

    public int offset() {
        return offset;
    }

    public Reason reason() {
        return reason;
    }
}
