package io.github.ssosync.change;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change to the target, with the reason it exists. A sealed family: a target handles each kind
 * with an exhaustive {@code switch} on {@link #kind()} (Java 17 has no pattern switch), then casts
 * to the record that kind names.
 */
public sealed interface Change {

  /** What kind of change this is. */
  ChangeKind kind();

  /** The user or group the change is about (for memberships, the group). */
  ObjectRef subject();

  /** Why the planner made this change, in words a reviewer understands. */
  String reason();

  /**
   * Create a user.
   *
   * @param user the user to create (pending: no target id yet)
   * @param attributes its attributes
   * @param reason why
   */
  record CreateUser(ObjectRef user, UserAttributes attributes, String reason) implements Change {
    /** Validates. */
    public CreateUser {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(attributes, "attributes");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ChangeKind kind() {
      return ChangeKind.CREATE_USER;
    }

    @Override
    public ObjectRef subject() {
      return user;
    }
  }

  /**
   * Change some attributes of a user.
   *
   * @param user the user
   * @param attributes the complete desired attributes
   * @param changes the attributes that differ, with before and after
   * @param reason why
   */
  record UpdateUser(
      ObjectRef user, UserAttributes attributes, List<AttributeChange> changes, String reason)
      implements Change {
    /** Validates and copies. */
    public UpdateUser {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(attributes, "attributes");
      changes = List.copyOf(changes);
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ChangeKind kind() {
      return ChangeKind.UPDATE_USER;
    }

    @Override
    public ObjectRef subject() {
      return user;
    }
  }

  /**
   * Stop a user from signing in; it keeps its memberships, so enabling it again restores access as
   * it was.
   *
   * @param user the user
   * @param deleteAfter when the user becomes due for deletion, if it will be deleted
   * @param reason why
   */
  record DisableUser(ObjectRef user, java.time.@Nullable Instant deleteAfter, String reason)
      implements Change {
    /** Validates. */
    public DisableUser {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ChangeKind kind() {
      return ChangeKind.DISABLE_USER;
    }

    @Override
    public ObjectRef subject() {
      return user;
    }
  }

  /**
   * Delete a user (the target drops its memberships with it).
   *
   * @param user the user
   * @param reason why
   */
  record DeleteUser(ObjectRef user, String reason) implements Change {
    /** Validates. */
    public DeleteUser {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ChangeKind kind() {
      return ChangeKind.DELETE_USER;
    }

    @Override
    public ObjectRef subject() {
      return user;
    }
  }

  /**
   * Create a group. Targets that can (see {@link
   * io.github.ssosync.targets.TargetCapabilities#maxMembersOnGroupCreate()}) get its first members
   * inline, saving one call per group.
   *
   * @param group the group to create (pending)
   * @param attributes its attributes
   * @param members users to make members in the same call; each is resolved before the call
   * @param reason why
   */
  record CreateGroup(
      ObjectRef group, GroupAttributes attributes, List<ObjectRef> members, String reason)
      implements Change {
    /** Validates and copies. */
    public CreateGroup {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(attributes, "attributes");
      members = List.copyOf(members);
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ChangeKind kind() {
      return ChangeKind.CREATE_GROUP;
    }

    @Override
    public ObjectRef subject() {
      return group;
    }
  }

  /**
   * Change some attributes of a group.
   *
   * @param group the group
   * @param attributes the complete desired attributes
   * @param changes the attributes that differ, with before and after
   * @param reason why
   */
  record UpdateGroup(
      ObjectRef group, GroupAttributes attributes, List<AttributeChange> changes, String reason)
      implements Change {
    /** Validates and copies. */
    public UpdateGroup {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(attributes, "attributes");
      changes = List.copyOf(changes);
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ChangeKind kind() {
      return ChangeKind.UPDATE_GROUP;
    }

    @Override
    public ObjectRef subject() {
      return group;
    }
  }

  /**
   * Delete a group (the target drops its memberships with it).
   *
   * @param group the group
   * @param reason why
   */
  record DeleteGroup(ObjectRef group, String reason) implements Change {
    /** Validates. */
    public DeleteGroup {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ChangeKind kind() {
      return ChangeKind.DELETE_GROUP;
    }

    @Override
    public ObjectRef subject() {
      return group;
    }
  }

  /**
   * Record on a group that it left the directory's scope: the target stores {@code externalId} (our
   * anchor with the time it left, see {@link io.github.ssosync.targets.Anchor}) in place of the
   * plain anchor. The plan removes the group's memberships in the same run; a later plan deletes
   * the group once {@code deleteAfter} has passed, or restores the plain anchor if the group comes
   * back.
   *
   * @param group the group
   * @param externalId the anchor to store, carrying when the group left the scope
   * @param deleteAfter when the group becomes due for deletion; absent if it is kept for ever
   * @param reason why
   */
  record RetireGroup(
      ObjectRef group, String externalId, java.time.@Nullable Instant deleteAfter, String reason)
      implements Change {
    /** Validates. */
    public RetireGroup {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(externalId, "externalId");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ChangeKind kind() {
      return ChangeKind.RETIRE_GROUP;
    }

    @Override
    public ObjectRef subject() {
      return group;
    }
  }

  /**
   * Make a user a member of a group.
   *
   * @param group the group
   * @param user the user
   * @param reason why
   */
  record AddMembership(ObjectRef group, ObjectRef user, String reason) implements Change {
    /** Validates. */
    public AddMembership {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ChangeKind kind() {
      return ChangeKind.ADD_MEMBERSHIP;
    }

    @Override
    public ObjectRef subject() {
      return group;
    }
  }

  /**
   * Remove a user from a group.
   *
   * @param group the group
   * @param user the user
   * @param membershipId the target's id of the membership, where it has one
   * @param reason why
   */
  record RemoveMembership(
      ObjectRef group, ObjectRef user, @Nullable String membershipId, String reason)
      implements Change {
    /** Validates. */
    public RemoveMembership {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ChangeKind kind() {
      return ChangeKind.REMOVE_MEMBERSHIP;
    }

    @Override
    public ObjectRef subject() {
      return group;
    }
  }
}
