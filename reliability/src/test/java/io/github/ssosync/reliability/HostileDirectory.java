package io.github.ssosync.reliability;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Directories full of the values that break identity syncs: accents, CJK, emoji and joined emoji,
 * zero-width characters, leading and trailing spaces, values of 1,024+ characters, mixed-case
 * emails, emails that differ only in case, group names that collide ignoring case, empty names,
 * plus-addressed emails. Seeded: the same seed gives the same directory.
 */
final class HostileDirectory {
  private static final String[] FRAGMENTS = {
    "Zoë",
    "Ångström",
    "Đặng",
    "渡辺",
    "王小明",
    "😀",
    "👩‍💻",
    "O'Brien",
    "José María",
    "\u200B",
    "a\u200Db",
    "  padded  ",
    " ",
    "",
    "MiXeD",
    "Ñandú",
    "\t",
    "Łukasz",
    "Müller-Lüdenscheidt",
    "x".repeat(1030)
  };

  private static final String[] LOCAL_PARTS = {
    "plain",
    "First.Last",
    "user+tag",
    "UPPER",
    "dots.and-dash",
    "a".repeat(130),
    "zero\u200Bwidth",
    "ünïcödé",
    "with space"
  };

  private HostileDirectory() {}

  static DirectoryContent generate(long seed) {
    Random random = new Random(seed);
    List<DirectoryUser> users = new ArrayList<>();
    int count = 4 + random.nextInt(6);
    for (int i = 0; i < count; i++) {
      String local = LOCAL_PARTS[random.nextInt(LOCAL_PARTS.length)] + i;
      String email = local + "@example.com";
      if (random.nextInt(5) == 0) {
        email = "  " + email + " "; // values arrive padded
      }
      users.add(DirectoryUser.of("u" + seed + "-" + i, email, name(random), name(random)));
      if (random.nextInt(5) == 0) {
        // The same person twice, the email differing only in case.
        users.add(
            DirectoryUser.of(
                "u" + seed + "-" + i + "twin",
                email.toUpperCase(Locale.ROOT),
                name(random),
                name(random)));
      }
    }
    List<DirectoryGroup> groups = new ArrayList<>();
    int groupCount = 2 + random.nextInt(3);
    for (int g = 0; g < groupCount; g++) {
      String name = name(random) + " " + g;
      groups.add(
          new DirectoryGroup(
              "g" + seed + "-" + g,
              "aws-g" + g + "@example.com",
              name,
              random.nextBoolean() ? null : name(random)));
    }
    if (random.nextBoolean()) {
      // A second group whose name collides with the first, ignoring case.
      DirectoryGroup first = groups.get(0);
      groups.add(
          new DirectoryGroup(
              "g" + seed + "-twin",
              "aws-twin@example.com",
              first.name().toUpperCase(Locale.ROOT),
              null));
    }
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    groups.forEach(g -> members.put(g.id(), new ArrayList<>()));
    for (DirectoryUser u : users) {
      int joins = 1 + random.nextInt(2);
      for (int j = 0; j < joins; j++) {
        List<DirectoryMember> list = members.get(groups.get(random.nextInt(groups.size())).id());
        if (list.stream().noneMatch(m -> m.id().equals(u.id()))) {
          list.add(DirectoryMember.user(u));
        }
      }
    }
    return new DirectoryContent(users, groups, members);
  }

  private static String name(Random random) {
    StringBuilder out = new StringBuilder();
    int parts = 1 + random.nextInt(2);
    for (int p = 0; p < parts; p++) {
      out.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
    }
    return out.toString();
  }
}
