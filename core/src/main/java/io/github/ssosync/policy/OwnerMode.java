package io.github.ssosync.policy;

/** Which target objects the engine owns, and so may update, disable or delete. */
public enum OwnerMode {
  /** Only objects that carry our anchor (the directory id). The default and the safest. */
  ANCHORED,
  /**
   * Also objects without an anchor whose name matches a directory object: they are adopted
   * (anchored from then on). Unmatched objects without an anchor are left alone.
   */
  ADOPT,
  /**
   * Every object in the target not ignored by the policy, the way the original ssosync behaves:
   * anything the directory does not select is removed, including objects made by hand or by AWS
   * Control Tower.
   */
  ALL
}
