package capsim.kernel;

/** What an activation hands a thread: the message buffer, its id and its protected payload. */
public record Activation(int buffer, long id, long protectedPayload) {
}
