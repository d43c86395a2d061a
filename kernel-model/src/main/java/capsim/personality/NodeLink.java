package capsim.personality;

/**
 * A relation between objects of two nodes of a world with several kernels (a proxy on one kernel standing
 * for an object of the other), drawn as a dashed edge between the nodes' diagrams.
 *
 * @param fromNode index into {@link World#kernels()}
 * @param label    what the edge says ("proxy for")
 */
public record NodeLink(int fromNode, int fromOid, int toNode, int toOid, String label) {
}
