package io.github.ssosync.state;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.DirectoryWarning;
import io.github.ssosync.directory.MemberRole;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.feed.TargetChanges;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** States for codec and store tests: random ones from a seed, and a large regular one. */
final class StateSamples {
  /** Characters a careless encoder gets wrong: quotes, escapes, controls, non-BMP, non-Latin. */
  private static final String[] PIECES = {
    "a", "Z", "0", "-", ".", "@", " ", "\"", "\\", "/", "\n", "\t", "\u0000", "\u001f", "é", "ß",
    "漢", "🙂", "\u2028", "{", "}", "[", ",", ":"
  };

  private StateSamples() {}

  static SyncState random(Random r) {
    List<DirectoryUser> users = new ArrayList<>();
    for (int i = 0; i < 2 + r.nextInt(6); i++) {
      Map<String, String> attributes = new HashMap<>();
      for (int k = r.nextInt(4); k > 0; k--) {
        attributes.put(text(r), text(r));
      }
      users.add(
          new DirectoryUser(
              "u" + i + text(r),
              text(r),
              maybe(r),
              maybe(r),
              r.nextBoolean(),
              r.nextBoolean(),
              maybe(r),
              attributes));
    }
    List<DirectoryGroup> groups = new ArrayList<>();
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    for (int i = 0; i < r.nextInt(5); i++) {
      DirectoryGroup g = new DirectoryGroup("g" + i + text(r), text(r), text(r), maybe(r));
      groups.add(g);
      List<DirectoryMember> list = new ArrayList<>();
      for (int k = r.nextInt(4); k > 0; k--) {
        list.add(
            new DirectoryMember(
                text(r),
                maybe(r),
                MemberType.values()[r.nextInt(MemberType.values().length)],
                MemberRole.values()[r.nextInt(MemberRole.values().length)]));
      }
      members.put(g.id(), list);
    }
    List<DirectoryWarning> warnings = new ArrayList<>();
    for (int k = r.nextInt(3); k > 0; k--) {
      warnings.add(new DirectoryWarning(text(r), text(r)));
    }
    DirectorySnapshot directory =
        new DirectorySnapshot(users, groups, members, ids(r), ids(r), warnings);
    List<TargetUser> tusers = new ArrayList<>();
    for (int i = 0; i < 1 + r.nextInt(5); i++) {
      Map<UserAttribute, String> optional = new EnumMap<>(UserAttribute.class);
      for (UserAttribute a : UserAttribute.values()) {
        if (!a.required() && r.nextInt(4) == 0) {
          optional.put(a, text(r));
        }
      }
      tusers.add(
          new TargetUser(
              "t" + i + text(r),
              text(r),
              maybe(r),
              maybe(r),
              maybe(r),
              maybe(r),
              r.nextBoolean(),
              externalIds(r),
              r.nextBoolean() ? null : instant(r),
              optional));
    }
    List<TargetGroup> tgroups = new ArrayList<>();
    for (int i = 0; i < r.nextInt(4); i++) {
      tgroups.add(new TargetGroup("tg" + i, text(r), maybe(r), externalIds(r)));
    }
    List<TargetMembership> memberships = new ArrayList<>();
    for (int i = 0; i < 1 + r.nextInt(5); i++) {
      String id = r.nextInt(3) == 0 ? TargetView.UNKNOWN_MEMBERSHIP_ID : "m" + i;
      memberships.add(new TargetMembership(id, text(r), text(r)));
    }
    TargetView target = new TargetView(tusers, tgroups, memberships, ids(r));
    return new SyncState(
        text(r),
        instant(r),
        instant(r),
        text(r),
        directory,
        target,
        instants(r),
        instants(r),
        new TargetChanges(ids(r), ids(r), ids(r), ids(r)),
        r.nextInt(100_000));
  }

  /** A regular state of the given size: each group has members/groups memberships. */
  static SyncState large(int users, int groups, int memberships) {
    List<DirectoryUser> dusers = new ArrayList<>(users);
    List<TargetUser> tusers = new ArrayList<>(users);
    Instant at = Instant.parse("2026-11-22T12:00:00.123456789Z");
    for (int i = 0; i < users; i++) {
      String email = "user" + i + "@example.com";
      dusers.add(
          new DirectoryUser(
              "1000" + i,
              email,
              "Given" + i,
              "Family" + i,
              i % 50 == 0,
              false,
              "/Engineering",
              Map.of("organizations.department", "Dept" + (i % 20))));
      tusers.add(
          new TargetUser(
              "9067-" + i,
              email,
              "Given" + i + " Family" + i,
              "Given" + i,
              "Family" + i,
              email,
              i % 50 != 0,
              List.of(new ExternalId("https://scim.aws.com", "1000" + i)),
              at.plusSeconds(i),
              Map.of(UserAttribute.DEPARTMENT, "Dept" + (i % 20))));
    }
    List<DirectoryGroup> dgroups = new ArrayList<>(groups);
    List<TargetGroup> tgroups = new ArrayList<>(groups);
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    List<TargetMembership> tmembers = new ArrayList<>(memberships);
    Set<String> read = new HashSet<>();
    int per = memberships / groups;
    for (int g = 0; g < groups; g++) {
      String id = "g" + g;
      dgroups.add(DirectoryGroup.of(id, "group" + g + "@example.com", "Group " + g));
      tgroups.add(
          new TargetGroup(
              "tg-" + g, "Group " + g, null, List.of(new ExternalId("https://scim.aws.com", id))));
      List<DirectoryMember> list = new ArrayList<>(per);
      for (int k = 0; k < per; k++) {
        int u = (g * per + k) % users;
        list.add(DirectoryMember.user(dusers.get(u)));
        tmembers.add(new TargetMembership("m-" + g + "-" + k, "tg-" + g, "9067-" + u));
      }
      members.put(id, list);
      read.add("tg-" + g);
    }
    Set<String> matched = new HashSet<>();
    dusers.forEach(u -> matched.add(u.id()));
    return new SyncState(
        "ssosync-java 0.1.0",
        at,
        at,
        "sha256:abc",
        new DirectorySnapshot(dusers, dgroups, members, matched, Set.copyOf(members.keySet())),
        new TargetView(tusers, tgroups, tmembers, read),
        Map.of("google-reports", at),
        Map.of("run-1", at),
        TargetChanges.none(),
        0);
  }

  private static String text(Random r) {
    StringBuilder b = new StringBuilder();
    for (int k = r.nextInt(6); k > 0; k--) {
      b.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  private static @Nullable String maybe(Random r) {
    return r.nextInt(3) == 0 ? null : text(r);
  }

  private static Set<String> ids(Random r) {
    Set<String> s = new HashSet<>();
    for (int k = r.nextInt(4); k > 0; k--) {
      s.add(text(r));
    }
    return s;
  }

  private static List<ExternalId> externalIds(Random r) {
    List<ExternalId> ids = new ArrayList<>();
    for (int k = r.nextInt(3); k > 0; k--) {
      ids.add(new ExternalId(text(r), text(r)));
    }
    return ids;
  }

  private static Instant instant(Random r) {
    // Seconds across centuries and every nanosecond, both signs of the epoch.
    return Instant.ofEpochSecond(r.nextLong() % 10_000_000_000L, r.nextInt(1_000_000_000));
  }

  private static Map<String, Instant> instants(Random r) {
    Map<String, Instant> m = new HashMap<>();
    for (int k = r.nextInt(3); k > 0; k--) {
      m.put(text(r), instant(r));
    }
    return m;
  }
}
