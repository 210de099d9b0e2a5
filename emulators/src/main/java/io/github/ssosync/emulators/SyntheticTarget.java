package io.github.ssosync.emulators;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetUser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded generator of realistic target states for a directory: what an earlier sync of a slightly
 * different directory left behind (users who since left, were renamed or joined; groups renamed;
 * memberships moved), plus, optionally, objects made by hand or by AWS Control Tower: users and
 * groups without our anchor, some named like directory objects in another case, and hand-added
 * memberships. Some owned users were disabled long ago.
 */
public final class SyntheticTarget {
  private SyntheticTarget() {}

  /**
   * @param current the directory as it is now
   * @param seed the random seed
   * @param clock the target's clock
   * @param handMade whether to add objects without our anchor
   * @return a target holding the generated state
   */
  public static InMemoryIdentityTarget after(
      DirectoryContent current, long seed, Clock clock, boolean handMade) {
    Random random = new Random(seed);
    InMemoryIdentityTarget target = InMemoryIdentityTarget.builder().clock(clock).build();
    DirectoryContent previous = previousVersion(current, random);
    SyncPolicy all =
        SyncPolicy.builder()
            .groupMatch("*")
            .userMatch("*")
            .deletionGuard(DeletionGuard.OFF)
            .build();
    SyncEngine.builder()
        .source(query -> snapshotOfAll(previous))
        .target(target)
        .policy(all)
        .clock(clock)
        .build()
        .sync();
    // Some owned users were disabled a long time ago.
    for (TargetUser u : target.snapshot().users()) {
      if (random.nextDouble() < 0.1) {
        target.putUser(u.withActive(false, clock.instant().minus(Duration.ofDays(30))));
      }
    }
    if (handMade) {
      addHandMade(current, target, random);
    }
    return target;
  }

  /**
   * A snapshot in which every user and group counts as matched.
   *
   * @param content the directory
   * @return the snapshot
   */
  public static DirectorySnapshot snapshotOfAll(DirectoryContent content) {
    Set<String> users = new HashSet<>();
    content.users().forEach(u -> users.add(u.id()));
    Set<String> groups = new HashSet<>();
    content.groups().forEach(g -> groups.add(g.id()));
    return new DirectorySnapshot(
        content.users(), content.groups(), content.members(), users, groups);
  }

  private static DirectoryContent previousVersion(DirectoryContent current, Random random) {
    List<DirectoryUser> users = new ArrayList<>();
    for (DirectoryUser u : current.users()) {
      double r = random.nextDouble();
      if (r < 0.1) {
        continue; // joined since
      }
      users.add(r < 0.2 ? u.withPrimaryEmail("old." + u.primaryEmail()) : u);
    }
    int leavers = random.nextInt(4);
    for (int i = 0; i < leavers; i++) {
      users.add(DirectoryUser.of("gone-" + i, "gone." + i + "@example.com", "Gone", "Person" + i));
    }
    List<DirectoryGroup> groups = new ArrayList<>();
    for (DirectoryGroup g : current.groups()) {
      groups.add(
          random.nextDouble() < 0.15
              ? new DirectoryGroup(g.id(), "old-" + g.email(), g.name(), g.description())
              : g);
    }
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    for (DirectoryGroup g : groups) {
      List<DirectoryMember> list = new ArrayList<>();
      for (DirectoryMember m : current.members().getOrDefault(g.id(), List.of())) {
        if (random.nextDouble() >= 0.1) {
          list.add(m);
        }
      }
      if (!users.isEmpty() && random.nextDouble() < 0.3) {
        list.add(DirectoryMember.user(users.get(random.nextInt(users.size()))));
      }
      members.put(g.id(), dedupe(list));
    }
    return new DirectoryContent(users, groups, members);
  }

  private static List<DirectoryMember> dedupe(List<DirectoryMember> list) {
    Map<String, DirectoryMember> unique = new LinkedHashMap<>();
    for (DirectoryMember m : list) {
      unique.putIfAbsent(m.type() + ":" + m.id(), m);
    }
    return new ArrayList<>(unique.values());
  }

  private static void addHandMade(
      DirectoryContent current, InMemoryIdentityTarget target, Random random) {
    List<TargetUser> handUsers = new ArrayList<>();
    handUsers.add(target.addUser("controltower-admin@example.com", "Control", "Tower", List.of()));
    handUsers.add(target.addUser("break.glass@example.com", "Break", "Glass", List.of()));
    for (DirectoryUser u : current.users()) {
      String shouted = u.primaryEmail().toUpperCase(Locale.ROOT);
      if (random.nextDouble() < 0.05 && nameFree(target, shouted)) {
        handUsers.add(target.addUser(shouted, "Hand", "Made", List.of()));
      }
    }
    target.addGroup("AWSControlTowerAdmins", List.of());
    for (DirectoryGroup g : current.groups()) {
      String shouted = g.email().toUpperCase(Locale.ROOT);
      if (random.nextDouble() < 0.1 && groupNameFree(target, shouted)) {
        target.addGroup(shouted, List.of());
      }
    }
    List<TargetGroup> groups = target.snapshot().groups();
    if (!groups.isEmpty()) {
      for (TargetUser u : handUsers) {
        if (random.nextBoolean()) {
          target.addMembership(groups.get(random.nextInt(groups.size())).id(), u.id());
        }
      }
    }
  }

  private static boolean nameFree(InMemoryIdentityTarget target, String userName) {
    return target.snapshot().users().stream()
        .noneMatch(u -> u.userName().equalsIgnoreCase(userName));
  }

  private static boolean groupNameFree(InMemoryIdentityTarget target, String displayName) {
    return target.snapshot().groups().stream()
        .noneMatch(g -> g.displayName().equalsIgnoreCase(displayName));
  }
}
