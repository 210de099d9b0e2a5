package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.mapping.UserAttribute;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The one address of each user as last read, so that a change of one part writes the address whole
 * without clearing the parts the mapping does not own. Both APIs replace a user's address whole:
 * the Identity Store API's UpdateUser replaces complex attributes whole, and the SCIM guide
 * documents no sub-attribute or value-filter path for a user's {@code addresses} (PatchUser lists
 * {@code addresses} among the attributes that can be modified, nothing finer). Writing the merged
 * whole costs no read: the parts come from the run's ListUsers.
 *
 * <p>A user this instance has not read (a library caller that applies a plan without reading first)
 * has no known address: its update writes the owned parts only, and an unowned part set by hand is
 * lost. Thread-safe.
 */
public final class UserAddresses {
  /** The parts of an address, as the catalogue names them. */
  public static final Set<UserAttribute> PARTS =
      Collections.unmodifiableSet(
          EnumSet.of(
              UserAttribute.STREET_ADDRESS,
              UserAttribute.LOCALITY,
              UserAttribute.REGION,
              UserAttribute.POSTAL_CODE,
              UserAttribute.COUNTRY,
              UserAttribute.FORMATTED_ADDRESS));

  private final Map<String, Map<UserAttribute, String>> byUser = new ConcurrentHashMap<>();

  /** Creates an empty book. */
  public UserAddresses() {}

  /**
   * Replaces what is known by a whole read's findings, so that users gone since are forgotten.
   *
   * @param read each user's optional attributes as read, by user id
   */
  public void readAll(Map<String, Map<UserAttribute, String>> read) {
    Map<String, Map<UserAttribute, String>> fresh = new java.util.HashMap<>();
    read.forEach(
        (id, optional) -> {
          Map<UserAttribute, String> parts = parts(optional);
          if (!parts.isEmpty()) {
            fresh.put(id, parts);
          }
        });
    byUser.keySet().retainAll(fresh.keySet());
    byUser.putAll(fresh);
  }

  private static Map<UserAttribute, String> parts(Map<UserAttribute, String> optional) {
    Map<UserAttribute, String> parts = new EnumMap<>(UserAttribute.class);
    optional.forEach(
        (a, v) -> {
          if (PARTS.contains(a)) {
            parts.put(a, v);
          }
        });
    return parts;
  }

  /**
   * Records what a read found.
   *
   * @param userId the user
   * @param optional the user's optional attributes as read
   */
  public void read(String userId, Map<UserAttribute, String> optional) {
    Map<UserAttribute, String> parts = parts(optional);
    if (parts.isEmpty()) {
      byUser.remove(userId);
    } else {
      byUser.put(userId, parts);
    }
  }

  /**
   * The address an update should write: the address as read (or, for a user not read, the owned
   * parts the update wants) with the update's address changes applied.
   *
   * @param c the update
   * @return the parts of the whole address to write (empty: remove the address), or null when the
   *     update changes no address part
   */
  public @Nullable Map<UserAttribute, String> merged(Change.UpdateUser c) {
    Map<UserAttribute, String> out = null;
    for (AttributeChange a : c.changes()) {
      UserAttribute part = UserAttribute.named(a.attribute());
      if (part == null || !PARTS.contains(part) || !part.path().equals(a.attribute())) {
        continue;
      }
      if (out == null) {
        out = new EnumMap<>(UserAttribute.class);
        Map<UserAttribute, String> known = byUser.get(c.user().requireTargetId());
        if (known != null) {
          out.putAll(known);
        } else {
          for (Map.Entry<UserAttribute, String> e : c.attributes().optional().entrySet()) {
            if (PARTS.contains(e.getKey())) {
              out.put(e.getKey(), e.getValue());
            }
          }
        }
      }
      if (a.after() == null) {
        out.remove(part);
      } else {
        out.put(part, a.after());
      }
    }
    return out;
  }

  /**
   * Records what a write made the address.
   *
   * @param userId the user
   * @param parts the address written (empty: none)
   */
  public void written(String userId, Map<UserAttribute, String> parts) {
    read(userId, parts);
  }

  /**
   * @param part an address part
   * @return its member name in SCIM and in Identity Store documents, such as {@code locality}
   */
  public static String member(UserAttribute part) {
    return part.path().substring("addresses.".length());
  }
}
