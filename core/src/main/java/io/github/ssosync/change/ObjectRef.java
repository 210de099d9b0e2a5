package io.github.ssosync.change;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Points at a user or group on the target side.
 *
 * @param targetId the target's id; absent while the object is still to be created in the same plan
 * @param sourceId the directory's id of the object it mirrors; absent for objects the directory
 *     does not know
 * @param name a human-readable name (userName or displayName) for plans and reports
 */
public record ObjectRef(@Nullable String targetId, @Nullable String sourceId, String name) {

  /** Validates: a reference needs a target id, a source id, or both. */
  public ObjectRef {
    Objects.requireNonNull(name, "name");
    if (targetId == null && sourceId == null) {
      throw new IllegalArgumentException("an ObjectRef needs a targetId or a sourceId: " + name);
    }
  }

  /**
   * @param sourceId the directory id
   * @param name the name
   * @return a reference to an object the plan will create
   */
  public static ObjectRef pending(String sourceId, String name) {
    return new ObjectRef(null, sourceId, name);
  }

  /**
   * @param targetId the target id
   * @param sourceId the directory id, if known
   * @param name the name
   * @return a reference to an existing object
   */
  public static ObjectRef existing(String targetId, @Nullable String sourceId, String name) {
    return new ObjectRef(targetId, sourceId, name);
  }

  /** Whether the target id is known. */
  public boolean resolved() {
    return targetId != null;
  }

  /**
   * @param targetId the id the target gave the object
   * @return this reference with its target id known
   */
  public ObjectRef withTargetId(String targetId) {
    return new ObjectRef(targetId, sourceId, name);
  }

  /** The target id, or an exception if it is not known yet. */
  public String requireTargetId() {
    if (targetId == null) {
      throw new IllegalStateException("target id of '" + name + "' is not known yet");
    }
    return targetId;
  }
}
