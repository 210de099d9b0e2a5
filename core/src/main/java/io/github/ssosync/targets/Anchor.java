package io.github.ssosync.targets;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Our anchor as a target stores it in an external id: the directory's stable id, and, for a group
 * that left the directory's scope and waits out its grace period, the time it left.
 *
 * <p>Why the time lives in the anchor: IAM Identity Center keeps no state for us, a group has no
 * "disabled" flag (users have {@code active}), and its {@code UpdatedAt} does not move when its
 * memberships change. The external id is ours to write (SCIM {@code externalId}), so it is the one
 * place where a stateless engine can record when a group's grace period began. The form is {@code
 * <id>;left=<ISO-8601 instant>}: both characters are punctuation, which the Identity Store's {@code
 * ExternalId.Id} pattern ({@code [\p{L}\p{M}\p{S}\p{N}\p{P}]+}, 1..256 characters) accepts, and
 * neither occurs in Google's numeric or alphanumeric ids.
 *
 * @param sourceId the directory's stable id of the object
 * @param leftScopeAt when the object left the directory's scope; absent while it is in scope
 */
public record Anchor(String sourceId, @Nullable Instant leftScopeAt) {

  private static final String LEFT = ";left=";

  /** Validates. */
  public Anchor {
    Objects.requireNonNull(sourceId, "sourceId");
    if (sourceId.isEmpty() || (leftScopeAt != null && sourceId.contains(LEFT))) {
      throw new IllegalArgumentException("not a directory id: \"" + sourceId + "\"");
    }
  }

  /**
   * Reads an external id value. A value that merely contains {@code ;left=} followed by something
   * that is not an instant is taken whole as the id, so a foreign value is never misread as a
   * retired anchor.
   *
   * @param value the stored external id
   * @return the anchor it holds
   */
  public static Anchor parse(String value) {
    int at = value.lastIndexOf(LEFT);
    if (at > 0) {
      try {
        return new Anchor(
            value.substring(0, at), Instant.parse(value.substring(at + LEFT.length())));
      } catch (DateTimeParseException | IllegalArgumentException e) {
        // not ours in this form: fall through and keep the value whole
      }
    }
    return new Anchor(value, null);
  }

  /**
   * @param sourceId the directory id
   * @param leftScopeAt when the object left the scope
   * @return the anchor of an object that left the scope at that time
   */
  public static Anchor leftScope(String sourceId, Instant leftScopeAt) {
    return new Anchor(sourceId, Objects.requireNonNull(leftScopeAt, "leftScopeAt"));
  }

  /** The value to store in the external id. */
  public String value() {
    return leftScopeAt == null ? sourceId : sourceId + LEFT + leftScopeAt;
  }
}
