package io.github.ssosync.policy;

import java.util.Objects;

/**
 * How directory attributes become target attributes.
 *
 * @param displayNameTemplate the user display name, with placeholders {@code {givenName}}, {@code
 *     {familyName}}, {@code {primaryEmail}} and {@code {attr:NAME}} for a further attribute
 * @param groupDisplayName which group attribute becomes the group display name
 * @param syncGroupDescription whether group descriptions are synced
 */
public record AttributeMapping(
    String displayNameTemplate, GroupNameSource groupDisplayName, boolean syncGroupDescription) {

  /** The default: {@code "{givenName} {familyName}"}, group email, descriptions synced. */
  public static final AttributeMapping DEFAULT =
      new AttributeMapping("{givenName} {familyName}", GroupNameSource.EMAIL, true);

  /** Validates. */
  public AttributeMapping {
    Objects.requireNonNull(displayNameTemplate, "displayNameTemplate");
    Objects.requireNonNull(groupDisplayName, "groupDisplayName");
  }
}
