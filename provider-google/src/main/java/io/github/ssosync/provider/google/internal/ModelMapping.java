package io.github.ssosync.provider.google.internal;

import com.google.api.services.directory.model.Group;
import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.User;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberRole;
import io.github.ssosync.directory.MemberType;
import java.util.Locale;

/** The Directory API's resources in the directory model. */
public final class ModelMapping {
  private ModelMapping() {}

  /**
   * @param u a user as the API returns it
   * @return it in the directory model, with the profile attributes the response holds
   */
  public static DirectoryUser user(User u) {
    String given = u.getName() == null ? null : u.getName().getGivenName();
    String family = u.getName() == null ? null : u.getName().getFamilyName();
    return new DirectoryUser(
        u.getId(),
        u.getPrimaryEmail(),
        given,
        family,
        Boolean.TRUE.equals(u.getSuspended()),
        Boolean.TRUE.equals(u.getArchived()),
        u.getOrgUnitPath(),
        ProfileAttributes.of(u));
  }

  /**
   * @param g a group as the API returns it
   * @return it in the directory model
   */
  public static DirectoryGroup group(Group g) {
    String description = g.getDescription();
    return new DirectoryGroup(
        g.getId(),
        g.getEmail(),
        g.getName() == null ? g.getEmail() : g.getName(),
        description == null || description.isBlank() ? null : description);
  }

  static DirectoryMember member(Member m) {
    MemberType type;
    try {
      type = MemberType.valueOf(GoogleErrors.upper(m.getType()));
    } catch (IllegalArgumentException e) {
      type = MemberType.EXTERNAL; // unknown kinds never become target users
    }
    MemberRole role;
    try {
      role = MemberRole.valueOf(GoogleErrors.upper(m.getRole()));
    } catch (IllegalArgumentException e) {
      role = MemberRole.MEMBER;
    }
    return new DirectoryMember(
        m.getId() == null ? String.valueOf(m.getEmail()) : m.getId(), m.getEmail(), type, role);
  }

  /**
   * @param email an email
   * @return its domain, lower case
   */
  public static String domainOf(String email) {
    return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }
}
