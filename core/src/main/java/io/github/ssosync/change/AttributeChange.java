package io.github.ssosync.change;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One attribute an update changes, with the value before and after.
 *
 * @param attribute the attribute's path, as in SCIM and the Identity Store API ({@code userName},
 *     {@code name.givenName}, {@code name.familyName}, {@code displayName}, {@code emails}, {@code
 *     active}, {@code externalId}, {@code description}), or a mapped optional attribute's {@link
 *     io.github.ssosync.mapping.UserAttribute#path()} ({@code title}, {@code addresses.locality},
 *     {@code enterprise.department}; for {@code enterprise.manager} the values are user names, for
 *     reading, and the reference is the change's {@code attributes().manager()})
 * @param before the current value, absent when unset
 * @param after the new value, absent to unset
 */
public record AttributeChange(String attribute, @Nullable String before, @Nullable String after) {

  /** Validates. */
  public AttributeChange {
    Objects.requireNonNull(attribute, "attribute");
  }
}
