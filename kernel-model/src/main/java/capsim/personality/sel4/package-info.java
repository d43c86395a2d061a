/**
 * seL4 as a capsim personality ({@code variant sel4}): the non-MCS kernel of the executable specification
 * (seL4/l4v, spec/haskell/src/SEL4). One class per object type ({@link capsim.personality.sel4.Untyped},
 * {@link capsim.personality.sel4.CNode}, {@link capsim.personality.sel4.Tcb}, {@link capsim.personality.sel4.Endpoint},
 * {@link capsim.personality.sel4.Notification}, {@link capsim.personality.sel4.Frame},
 * {@link capsim.personality.sel4.PagingStructure}, {@link capsim.personality.sel4.OtherObject}); capabilities are
 * values ({@link capsim.personality.sel4.Cap}); the world ({@link capsim.personality.sel4.Sel4World}) holds the
 * objects, the CDT and the system calls, and its class comment lists the construction and reading API the capDL
 * importer and exporter use; steps are {@link capsim.personality.sel4.Sel4Action} records; the invariants are
 * {@link capsim.personality.sel4.CdtConsistent}, {@link capsim.personality.sel4.NoDanglingCap},
 * {@link capsim.personality.sel4.ReplyOnce}, {@link capsim.personality.sel4.QueuesConsistent},
 * {@link capsim.personality.sel4.UntypedChildren} and {@link capsim.personality.sel4.AuthorityConfinement} (over the
 * take-grant closure of {@link capsim.personality.sel4.Authority}). docs/personality-sel4.md describes it all.
 */
package capsim.personality.sel4;
