package io.github.ssosync.provider.aws;

/** How an {@link IdentityCenterTarget} writes. Reads always use the Identity Store API. */
public enum WriteMode {
  /**
   * Users and groups through the SCIM endpoint, so they carry the directory's id as {@code
   * externalId} (our anchor) and can be disabled; memberships as group PATCHes of up to 100
   * members. Needs the SCIM endpoint and its bearer token.
   */
  SCIM,
  /**
   * Everything through the Identity Store API. It cannot set external ids or disable users, so
   * objects are matched by name and users leaving the scope are deleted or left (see {@code
   * SyncPolicy.disableFallback}).
   */
  IDENTITY_STORE
}
