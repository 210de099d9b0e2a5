package io.github.ssosync.emulators;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a directory holds (a whole Google Workspace tenant, say): what emulators and in-memory
 * sources serve, and what generators produce.
 *
 * @param users every user
 * @param groups every group
 * @param members the direct members of each group, by group id
 */
public record DirectoryContent(
    List<DirectoryUser> users,
    List<DirectoryGroup> groups,
    Map<String, List<DirectoryMember>> members) {

  /** Copies; every group gets a (possibly empty) member list. */
  public DirectoryContent {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    Map<String, List<DirectoryMember>> copy = new LinkedHashMap<>();
    for (DirectoryGroup g : groups) {
      copy.put(g.id(), List.copyOf(members.getOrDefault(g.id(), List.of())));
    }
    members = Collections.unmodifiableMap(copy);
  }

  /** A builder for hand-written fixtures. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param id a user id
   * @return the user, if present
   */
  public Optional<DirectoryUser> user(String id) {
    return users.stream().filter(u -> u.id().equals(id)).findFirst();
  }

  /**
   * @param id a group id
   * @return the group, if present
   */
  public Optional<DirectoryGroup> group(String id) {
    return groups.stream().filter(g -> g.id().equals(id)).findFirst();
  }

  /** Total direct memberships of every type. */
  public int membershipCount() {
    return members.values().stream().mapToInt(List::size).sum();
  }

  /** Builds {@link DirectoryContent} by hand. */
  public static final class Builder {
    private final List<DirectoryUser> users = new ArrayList<>();
    private final List<DirectoryGroup> groups = new ArrayList<>();
    private final Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();

    private Builder() {}

    /**
     * @param user a user
     * @return this builder
     */
    public Builder user(DirectoryUser user) {
      users.add(Objects.requireNonNull(user));
      return this;
    }

    /**
     * @param group a group
     * @param directMembers its direct members
     * @return this builder
     */
    public Builder group(DirectoryGroup group, DirectoryMember... directMembers) {
      groups.add(Objects.requireNonNull(group));
      members.computeIfAbsent(group.id(), k -> new ArrayList<>()).addAll(List.of(directMembers));
      return this;
    }

    /**
     * @param groupId an existing group's id
     * @param member a member to add
     * @return this builder
     */
    public Builder member(String groupId, DirectoryMember member) {
      members.computeIfAbsent(groupId, k -> new ArrayList<>()).add(member);
      return this;
    }

    /** The content. */
    public DirectoryContent build() {
      return new DirectoryContent(users, groups, members);
    }
  }
}
