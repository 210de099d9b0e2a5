package io.github.ssosync.policy;

/** What to do instead of disabling a user when the target cannot disable users. */
public enum DisableFallback {
  /** Leave the user as it is, active. The default: nothing is lost. */
  LEAVE,
  /** Delete the user at once (still counted by the deletion guard). */
  DELETE
}
