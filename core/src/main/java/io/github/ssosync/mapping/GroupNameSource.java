package io.github.ssosync.mapping;

/** Which directory attribute becomes a target group's display name. */
public enum GroupNameSource {
  /** The group email: unique in the directory, so the default. */
  EMAIL,
  /** The group name: friendlier, but two groups with one name cannot both be synced. */
  NAME
}
