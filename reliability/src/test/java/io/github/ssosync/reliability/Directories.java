package io.github.ssosync.reliability;

import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.SyncPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The directories, policies and operation families the scenarios share. */
final class Directories {
  private Directories() {}

  /**
   * 60 users, 8 groups (6 selected by {@code email:aws-*}), 240 memberships with nesting, external
   * members and suspended users: small enough for a test, rich enough to exercise every change
   * kind.
   */
  static DirectoryContent small() {
    return SyntheticDirectory.builder()
        .seed(11)
        .users(60)
        .groups(8)
        .memberships(240)
        .selectedGroupFraction(0.75)
        .build();
  }

  /**
   * The same directory with one user taken out of every group (the user stays in the directory).
   *
   * @param content the directory
   * @param email the user's email
   */
  static DirectoryContent withoutMember(DirectoryContent content, String email) {
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    content
        .members()
        .forEach(
            (g, list) ->
                members.put(g, list.stream().filter(m -> !email.equals(m.email())).toList()));
    return new DirectoryContent(content.users(), content.groups(), members);
  }

  /** The groups whose email starts with {@code aws-}; the guard at its default. */
  static SyncPolicy policy() {
    return SyncPolicy.builder().groupMatch("email:aws-*").build();
  }

  /** The same, with the deletion guard off, for scenarios that churn on purpose. */
  static SyncPolicy unguarded() {
    return policy().toBuilder().deletionGuard(DeletionGuard.OFF).build();
  }

  /** Operations that read, on any of the three APIs. */
  static final Predicate<String> READS =
      op ->
          op.startsWith("users.")
              || op.startsWith("groups.")
              || op.startsWith("members.")
              || op.matches("AWSIdentityStore\\.(List|Describe|Get|IsMember).*")
              || op.matches("scim\\.(List|Get).*");

  /** Operations that write, on either AWS API. */
  static final Predicate<String> WRITES =
      op ->
          op.matches("AWSIdentityStore\\.(Create|Update|Delete).*")
              || op.matches("scim\\.(Create|Put|Patch|Delete).*");
}
