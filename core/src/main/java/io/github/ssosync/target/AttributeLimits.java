package io.github.ssosync.target;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The values a target accepts. The planner skips, with a warning naming the object, a user or group
 * whose values the target would refuse, rather than let its create fail half-way through a run.
 *
 * @param maxUserNameLength the longest user name, in UTF-16 characters; 0 for no limit
 * @param maxValueLength the longest other value (given, family and display names, emails, group
 *     names and descriptions); 0 for no limit
 * @param userNamePattern what a whole user name must match; absent for anything
 */
public record AttributeLimits(
    int maxUserNameLength, int maxValueLength, @Nullable Pattern userNamePattern) {

  /** No limits. */
  public static final AttributeLimits NONE = new AttributeLimits(0, 0, null);

  /** Validates. */
  public AttributeLimits {
    if (maxUserNameLength < 0) {
      throw new IllegalArgumentException(
          "maxUserNameLength must be >= 0, was " + maxUserNameLength);
    }
    if (maxValueLength < 0) {
      throw new IllegalArgumentException("maxValueLength must be >= 0, was " + maxValueLength);
    }
  }

  /**
   * @param userName a user name
   * @return why the target would refuse it, or null if it would not
   */
  public @Nullable String userNameProblem(String userName) {
    if (maxUserNameLength > 0 && userName.length() > maxUserNameLength) {
      return "the user name is "
          + userName.length()
          + " characters long; the target allows "
          + maxUserNameLength;
    }
    if (userNamePattern != null && !userNamePattern.matcher(userName).matches()) {
      return "the user name contains characters the target refuses (such as white space, control or"
          + " invisible formatting characters)";
    }
    return null;
  }

  /**
   * @param attribute the attribute's name, for the message
   * @param value its value
   * @return why the target would refuse it, or null if it would not
   */
  public @Nullable String valueProblem(String attribute, @Nullable String value) {
    if (value != null && maxValueLength > 0 && value.length() > maxValueLength) {
      return "its "
          + attribute
          + " is "
          + value.length()
          + " characters long; the target allows "
          + maxValueLength;
    }
    return null;
  }
}
