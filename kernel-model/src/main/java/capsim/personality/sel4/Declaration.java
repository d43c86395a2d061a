package capsim.personality.sel4;

/**
 * A step that declares part of the initial system rather than making a system call (the scenario module's
 * {@code capdl "FILE"} line, which builds a capDL system through the construction API). The invariants about
 * how a step may change capabilities (CDT parents, authority confinement) do not apply to it, as they do not
 * to the {@code Declare...} actions.
 */
public interface Declaration {
}
