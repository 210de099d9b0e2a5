package io.github.ssosync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberRole;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.feed.DirectoryChanges;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After random directory changes, an incremental read over the previous snapshot with what the
 * Reports feed names equals a full read: both through the real clients against the emulator.
 */
class IncrementalReadTest {
  static final List<DirectoryQuery> QUERIES =
      List.of(
          new DirectoryQuery(List.of(DirectoryQuery.ALL), List.of(DirectoryQuery.ALL)),
          new DirectoryQuery(List.of(), List.of("email:eng*")),
          new DirectoryQuery(List.of("isSuspended=false"), List.of("name:Team*")));

  @TempDir Path dir;

  /** The directory as a test edits it. */
  static final class Model {
    final Map<String, DirectoryUser> users = new LinkedHashMap<>();
    final Map<String, DirectoryGroup> groups = new LinkedHashMap<>();
    final Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    final Random random;
    int next;

    Model(Random random) {
      this.random = random;
    }

    DirectoryContent content() {
      DirectoryContent.Builder b = DirectoryContent.builder();
      users.values().forEach(b::user);
      for (DirectoryGroup g : groups.values()) {
        b.group(g, members.get(g.id()).toArray(DirectoryMember[]::new));
      }
      return b.build();
    }

    DirectoryUser newUser() {
      int n = next++;
      DirectoryUser u = DirectoryUser.of("u" + n, "user" + n + "@example.com", "Given" + n, "F");
      users.put(u.id(), u);
      return u;
    }

    DirectoryGroup newGroup() {
      int n = next++;
      String prefix = random.nextBoolean() ? "eng" : "ops";
      DirectoryGroup g =
          new DirectoryGroup("g" + n, prefix + n + "@example.com", "Team " + n, null);
      groups.put(g.id(), g);
      members.put(g.id(), new ArrayList<>());
      return g;
    }

    <T> T pick(List<T> list) {
      return list.get(random.nextInt(list.size()));
    }

    void addMember() {
      if (groups.isEmpty() || users.isEmpty()) {
        return;
      }
      DirectoryGroup g = pick(List.copyOf(groups.values()));
      DirectoryMember m;
      if (random.nextInt(4) == 0) {
        DirectoryGroup child = pick(List.copyOf(groups.values()));
        if (child.id().equals(g.id())) {
          return;
        }
        m = new DirectoryMember(child.id(), child.email(), MemberType.GROUP, MemberRole.MEMBER);
      } else {
        m = DirectoryMember.user(pick(List.copyOf(users.values())));
      }
      List<DirectoryMember> list = members.get(g.id());
      if (list.stream().noneMatch(x -> x.id().equals(m.id()))) {
        list.add(m);
      }
    }

    void removeMember() {
      List<List<DirectoryMember>> nonEmpty =
          members.values().stream().filter(l -> !l.isEmpty()).toList();
      if (!nonEmpty.isEmpty()) {
        List<DirectoryMember> l = pick(nonEmpty);
        l.remove(random.nextInt(l.size()));
      }
    }

    /** Replaces a member's email everywhere, as Google's member lists show the current one. */
    void reEmail(String id, String email) {
      members.replaceAll(
          (g, l) ->
              new ArrayList<>(
                  l.stream()
                      .map(
                          m ->
                              m.id().equals(id)
                                  ? new DirectoryMember(id, email, m.type(), m.role())
                                  : m)
                      .toList()));
    }

    void dropMember(String id) {
      members.values().forEach(l -> l.removeIf(m -> m.id().equals(id)));
    }

    void mutate() {
      List<DirectoryUser> us = List.copyOf(users.values());
      switch (random.nextInt(11)) {
        case 0 -> newUser();
        case 1 -> {
          DirectoryUser u = pick(us);
          users.remove(u.id());
          dropMember(u.id());
        }
        case 2 -> {
          DirectoryUser u = pick(us);
          String email = "renamed" + next++ + "@example.com";
          users.put(
              u.id(),
              new DirectoryUser(
                  u.id(),
                  email,
                  u.givenName(),
                  u.familyName(),
                  u.suspended(),
                  u.archived(),
                  u.orgUnitPath(),
                  u.attributes()));
          reEmail(u.id(), email);
        }
        case 3 -> {
          DirectoryUser u = pick(us);
          users.put(u.id(), u.withSuspended(!u.suspended()));
        }
        case 4 -> {
          DirectoryUser u = pick(us);
          users.put(
              u.id(),
              new DirectoryUser(
                  u.id(),
                  u.primaryEmail(),
                  "Changed" + next++,
                  u.familyName(),
                  u.suspended(),
                  u.archived(),
                  "/Unit" + random.nextInt(3),
                  u.attributes()));
        }
        case 5 -> newGroup();
        case 6 -> {
          if (groups.size() > 1) {
            DirectoryGroup g = pick(List.copyOf(groups.values()));
            groups.remove(g.id());
            members.remove(g.id());
            dropMember(g.id());
          }
        }
        case 7 -> {
          DirectoryGroup g = pick(List.copyOf(groups.values()));
          String email = (random.nextBoolean() ? "eng" : "ops") + "x" + next++ + "@example.com";
          groups.put(
              g.id(),
              new DirectoryGroup(g.id(), email, g.name(), random.nextBoolean() ? "d" : null));
          reEmail(g.id(), email);
        }
        case 8 -> {
          DirectoryGroup g = pick(List.copyOf(groups.values()));
          groups.put(
              g.id(), new DirectoryGroup(g.id(), g.email(), "Renamed " + next++, g.description()));
        }
        case 9 -> removeMember();
        default -> addMember();
      }
    }
  }

  /**
   * The snapshot with users and groups in id order: an incremental read lists the objects it read
   * again after the others, a full read in the API's order; what they hold must be the same.
   */
  static DirectorySnapshot inOrder(DirectorySnapshot s) {
    return new DirectorySnapshot(
        s.users().stream().sorted(java.util.Comparator.comparing(DirectoryUser::id)).toList(),
        s.groups().stream().sorted(java.util.Comparator.comparing(DirectoryGroup::id)).toList(),
        new java.util.TreeMap<>(s.members()),
        new java.util.TreeSet<>(s.matchedUserIds()),
        new java.util.TreeSet<>(s.matchedGroupIds()),
        s.warnings());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void incrementalReadsEqualFullReads(long seed) {
    Random random = new Random(seed);
    Model model = new Model(random);
    for (int i = 0; i < 12; i++) {
      model.newUser();
    }
    for (int i = 0; i < 5; i++) {
      model.newGroup();
    }
    for (int i = 0; i < 25; i++) {
      model.addMember();
    }
    SteppingClock clock = new SteppingClock(Instant.parse("2026-06-01T10:00:00Z"));
    try (GoogleFixture f = new GoogleFixture(model.content(), dir)) {
      f.emulator.clock(clock);
      GoogleDirectorySource source = f.source();
      GoogleReportsChangeFeed feed =
          GoogleReportsChangeFeed.builder()
              .serviceAccountKey(f.keyFile)
              .delegatedAdmin(GoogleFixture.ADMIN)
              .rootUrl(f.emulator.rootUrl())
              .reportsApi(
                  GoogleReportsChangeFeed.reportsApi()
                      .requestsPerSecond(10_000)
                      .retryPolicy(GoogleFixture.FAST)
                      .build())
              .overlap(Duration.ofMinutes(5))
              .clock(clock)
              .build();
      DirectoryQuery query = QUERIES.get((int) (seed % QUERIES.size()));
      DirectorySnapshot previous = source.read(query);
      Instant cursor = clock.advance(Duration.ofMinutes(1));
      for (int round = 0; round < 5; round++) {
        int changes = 1 + random.nextInt(4);
        for (int c = 0; c < changes; c++) {
          clock.advance(Duration.ofSeconds(10));
          model.mutate();
          if (random.nextInt(5) == 0) {
            // a group owner's edit in Google Groups: memberships only
            f.emulator.setContent(model.content());
            model.addMember();
            f.emulator.editAsGroupOwner("owner@example.com", model.content());
          } else {
            f.emulator.setContent(model.content());
          }
        }
        Instant now = clock.advance(Duration.ofMinutes(1));
        DirectoryChanges named = feed.changes(cursor, now);
        DirectorySnapshot incremental = source.readChanged(query, previous, named);
        DirectorySnapshot full = source.read(query);
        assertThat(inOrder(incremental))
            .as("seed %d round %d, query %s, feed named %s", seed, round, query, named)
            .isEqualTo(inOrder(full));
        previous = incremental;
        cursor = now;
      }
    }
  }
}
