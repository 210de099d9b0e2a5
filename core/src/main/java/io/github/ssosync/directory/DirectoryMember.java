package io.github.ssosync.directory;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A direct member of a directory group.
 *
 * @param id the member's stable id: a user id for {@link MemberType#USER}, a group id for {@link
 *     MemberType#GROUP}, the customer id for {@link MemberType#CUSTOMER}
 * @param email the member's email, when it has one
 * @param type what the member is
 * @param role the member's role
 */
public record DirectoryMember(String id, @Nullable String email, MemberType type, MemberRole role) {

  /** Validates. */
  public DirectoryMember {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(role, "role");
  }

  /**
   * @param user the user
   * @return the user as a plain member
   */
  public static DirectoryMember user(DirectoryUser user) {
    return new DirectoryMember(user.id(), user.primaryEmail(), MemberType.USER, MemberRole.MEMBER);
  }

  /**
   * @param group the nested group
   * @return the group as a plain member
   */
  public static DirectoryMember group(DirectoryGroup group) {
    return new DirectoryMember(group.id(), group.email(), MemberType.GROUP, MemberRole.MEMBER);
  }
}
