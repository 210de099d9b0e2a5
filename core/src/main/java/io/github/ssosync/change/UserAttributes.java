package io.github.ssosync.change;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The desired state of a target user, complete (a target that writes whole resources needs all of
 * it).
 *
 * @param userName the unique login name (the primary email by default)
 * @param givenName given name, required by IAM Identity Center
 * @param familyName family name, required by IAM Identity Center
 * @param displayName display name
 * @param email the single email, marked primary
 * @param active whether the user may sign in
 * @param externalId the anchor: the directory's stable id, stored where the target can store it
 */
public record UserAttributes(
    String userName,
    String givenName,
    String familyName,
    String displayName,
    String email,
    boolean active,
    @Nullable String externalId) {

  /** Validates. */
  public UserAttributes {
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(givenName, "givenName");
    Objects.requireNonNull(familyName, "familyName");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(email, "email");
  }
}
