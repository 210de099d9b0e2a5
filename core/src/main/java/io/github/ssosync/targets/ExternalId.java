package io.github.ssosync.targets;

import java.util.Objects;

/**
 * An id an external system stored on a target object. The engine's anchor is the directory's stable
 * id stored under the target's anchor issuer.
 *
 * @param issuer who issued the id (for IAM Identity Center, the SCIM provisioning issuer)
 * @param id the id
 */
public record ExternalId(String issuer, String id) {
  /** Validates. */
  public ExternalId {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(id, "id");
  }
}
