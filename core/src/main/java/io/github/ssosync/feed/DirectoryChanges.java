package io.github.ssosync.feed;

import java.util.Set;

/**
 * The users and groups a directory feed saw change in a window. Keys are whatever the source's
 * by-key reads accept: for Google, an email address (primary, former primary or alias) or an id. A
 * renamed object is named by both its old and its new key.
 *
 * @param userKeys users created, changed, renamed, suspended, restored or deleted
 * @param groupKeys groups created, changed, renamed or deleted, and groups whose direct members
 *     changed
 */
public record DirectoryChanges(Set<String> userKeys, Set<String> groupKeys) {

  /** Copies. */
  public DirectoryChanges {
    userKeys = Set.copyOf(userKeys);
    groupKeys = Set.copyOf(groupKeys);
  }

  /** No changes. */
  public static DirectoryChanges none() {
    return new DirectoryChanges(Set.of(), Set.of());
  }

  /** Whether nothing changed. */
  public boolean isEmpty() {
    return userKeys.isEmpty() && groupKeys.isEmpty();
  }
}
