package io.github.ssosync.emulators;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberRole;
import io.github.ssosync.directory.MemberType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded generator of realistic directories: users in a few domains and org units, some suspended
 * or archived, groups with owners and managers, nested groups (acyclic unless cycles are asked
 * for), external and customer members. The same settings and seed always give the same directory.
 *
 * <p>Group emails start with {@code aws-} for the first {@link #selectedGroupFraction} of groups
 * and {@code team-} for the rest, so that {@code email:aws-*} selects a known part.
 */
public final class SyntheticDirectory {
  private long seed = 1;
  private int users = 100;
  private int groups = 10;
  private int memberships = 300;
  private double nestedFraction = 0.05;
  private double externalFraction = 0.01;
  private double suspendedFraction = 0.02;
  private double archivedFraction = 0.01;
  private double selectedGroupFraction = 1.0;
  private boolean cycles;
  private boolean userAttributes;
  private String domain = "example.com";

  private SyntheticDirectory() {}

  /** A generator with small defaults: 100 users, 10 groups, 300 memberships. */
  public static SyntheticDirectory builder() {
    return new SyntheticDirectory();
  }

  /**
   * @param seed the random seed
   * @return this
   */
  public SyntheticDirectory seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * @param users how many users
   * @return this
   */
  public SyntheticDirectory users(int users) {
    this.users = users;
    return this;
  }

  /**
   * @param groups how many groups
   * @return this
   */
  public SyntheticDirectory groups(int groups) {
    this.groups = groups;
    return this;
  }

  /**
   * @param memberships how many direct memberships of every type, in all
   * @return this
   */
  public SyntheticDirectory memberships(int memberships) {
    this.memberships = memberships;
    return this;
  }

  /**
   * @param fraction share of memberships that nest a group
   * @return this
   */
  public SyntheticDirectory nestedFraction(double fraction) {
    this.nestedFraction = fraction;
    return this;
  }

  /**
   * @param fraction share of memberships that are external or customer members
   * @return this
   */
  public SyntheticDirectory externalFraction(double fraction) {
    this.externalFraction = fraction;
    return this;
  }

  /**
   * @param fraction share of users suspended
   * @return this
   */
  public SyntheticDirectory suspendedFraction(double fraction) {
    this.suspendedFraction = fraction;
    return this;
  }

  /**
   * @param fraction share of users archived
   * @return this
   */
  public SyntheticDirectory archivedFraction(double fraction) {
    this.archivedFraction = fraction;
    return this;
  }

  /**
   * @param fraction share of groups whose email starts with {@code aws-}
   * @return this
   */
  public SyntheticDirectory selectedGroupFraction(double fraction) {
    this.selectedGroupFraction = fraction;
    return this;
  }

  /**
   * @param cycles whether nesting may form cycles
   * @return this
   */
  public SyntheticDirectory cycles(boolean cycles) {
    this.cycles = cycles;
    return this;
  }

  /**
   * Gives every user ten profile attributes under the keys {@link DirectoryUser#attributes()}
   * documents: {@code organizations.title}, {@code .department}, {@code .costCenter}, {@code
   * externalIds.organization} (an employee number), {@code relations.manager} (another user's
   * email; the first user has none), {@code phones.work}, {@code addresses.locality}, {@code
   * locations.buildingId}, {@code languages} and {@code customSchemas.Employment.level}. Off by
   * default. They come from their own seeded stream, so the directory is otherwise the same with
   * them or without.
   *
   * @param userAttributes whether users carry them
   * @return this
   */
  public SyntheticDirectory userAttributes(boolean userAttributes) {
    this.userAttributes = userAttributes;
    return this;
  }

  /**
   * @param domain the primary domain
   * @return this
   */
  public SyntheticDirectory domain(String domain) {
    this.domain = domain;
    return this;
  }

  /** Generates the directory. */
  public DirectoryContent build() {
    Random random = new Random(seed);
    List<DirectoryUser> userList = new ArrayList<>(users);
    Random profiles = new Random(seed * 31 + 17);
    String[] orgUnits = {"/", "/Engineering", "/Sales", "/Engineering/Platform", "/Support"};
    for (int i = 0; i < users; i++) {
      String id = String.valueOf(100_000_000_000L + i);
      String given = GIVEN[random.nextInt(GIVEN.length)];
      String family = FAMILY[random.nextInt(FAMILY.length)];
      String email =
          (given + "." + family.replace(" ", "") + "." + i + "@" + domain)
              .toLowerCase(java.util.Locale.ROOT);
      double r = random.nextDouble();
      boolean suspended = r < suspendedFraction;
      boolean archived = !suspended && r < suspendedFraction + archivedFraction;
      userList.add(
          new DirectoryUser(
              id,
              email,
              given,
              family,
              suspended,
              archived,
              orgUnits[random.nextInt(orgUnits.length)],
              userAttributes ? profile(i, userList, profiles) : Map.of()));
    }
    List<DirectoryGroup> groupList = new ArrayList<>(groups);
    int selected = (int) Math.round(groups * selectedGroupFraction);
    for (int g = 0; g < groups; g++) {
      String id = String.format("0%08dgrp", g);
      String prefix = g < selected ? "aws-" : "team-";
      String name = TEAMS[g % TEAMS.length] + " " + g;
      groupList.add(
          new DirectoryGroup(
              id,
              prefix + "group-" + g + "@" + domain,
              name,
              g % 3 == 0 ? null : "Access for " + name));
    }
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    for (DirectoryGroup g : groupList) {
      members.put(g.id(), new ArrayList<>());
      seen.put(g.id(), new HashSet<>());
    }
    int made = 0;
    int attempts = 0;
    while (made < memberships && groups > 0 && attempts++ < memberships * 20) {
      int gi = random.nextInt(groups);
      DirectoryGroup group = groupList.get(gi);
      double kind = random.nextDouble();
      DirectoryMember member;
      if (kind < nestedFraction && groups > 1) {
        int child = random.nextInt(groups);
        // Without cycles, a group only nests groups with a higher index: a DAG.
        if (child == gi || (!cycles && child < gi)) {
          continue;
        }
        DirectoryGroup c = groupList.get(child);
        member = new DirectoryMember(c.id(), c.email(), MemberType.GROUP, MemberRole.MEMBER);
      } else if (kind < nestedFraction + externalFraction) {
        member =
            random.nextBoolean()
                ? new DirectoryMember(
                    "ext" + made,
                    "guest" + made + "@partner.example",
                    MemberType.EXTERNAL,
                    MemberRole.MEMBER)
                : new DirectoryMember("C0customer", null, MemberType.CUSTOMER, MemberRole.MEMBER);
      } else if (users > 0) {
        DirectoryUser u = userList.get(random.nextInt(users));
        double role = random.nextDouble();
        member =
            new DirectoryMember(
                u.id(),
                u.primaryEmail(),
                MemberType.USER,
                role < 0.05
                    ? MemberRole.OWNER
                    : role < 0.1 ? MemberRole.MANAGER : MemberRole.MEMBER);
      } else {
        continue;
      }
      if (seen.get(group.id()).add(member.type() + ":" + member.id())) {
        members.get(group.id()).add(member);
        made++;
      }
    }
    return new DirectoryContent(userList, groupList, members);
  }

  private static Map<String, String> profile(int i, List<DirectoryUser> before, Random r) {
    Map<String, String> a = new LinkedHashMap<>();
    String team = TEAMS[r.nextInt(TEAMS.length)];
    a.put("organizations.title", TITLES[r.nextInt(TITLES.length)]);
    a.put("organizations.department", team);
    a.put("organizations.costCenter", "CC-" + (1000 + r.nextInt(90)));
    a.put("externalIds.organization", String.format("E%07d", i));
    if (i > 0) {
      a.put("relations.manager", before.get(r.nextInt(i)).primaryEmail());
    }
    a.put("phones.work", String.format("+1 555 %03d %04d", r.nextInt(1000), i % 10_000));
    a.put("addresses.locality", CITIES[r.nextInt(CITIES.length)]);
    a.put("locations.buildingId", "B" + (1 + r.nextInt(12)));
    a.put("languages", LANGUAGES[r.nextInt(LANGUAGES.length)]);
    a.put("customSchemas.Employment.level", String.valueOf(1 + r.nextInt(9)));
    return a;
  }

  /**
   * The same directory after ordinary churn, seeded: about {@code fraction} of users renamed, of
   * memberships ended, of users suspended, and as many new users as {@code fraction} of the users,
   * each joining a group; and one group in ten of {@code fraction} gains a member it lacked (a move
   * when paired with an end).
   *
   * @param content the directory before
   * @param fraction the churn, between 0 and 1 (0.01 for 1%)
   * @param seed the random seed
   * @return the directory after
   */
  public static DirectoryContent churn(DirectoryContent content, double fraction, long seed) {
    if (fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException("fraction must be between 0 and 1, was " + fraction);
    }
    Random random = new Random(seed);
    List<DirectoryUser> users = new ArrayList<>();
    for (DirectoryUser u : content.users()) {
      double r = random.nextDouble();
      if (r < fraction) {
        users.add(u.withNames(u.givenName(), u.familyName() + "-Renamed"));
      } else if (r < fraction * 1.5 && !u.suspended()) {
        users.add(u.withSuspended(true));
      } else {
        users.add(u);
      }
    }
    int newUsers = (int) Math.ceil(content.users().size() * fraction);
    List<DirectoryUser> joined = new ArrayList<>();
    for (int i = 0; i < newUsers; i++) {
      DirectoryUser u =
          DirectoryUser.of(
              "9" + seed + "0" + i,
              "new.hire." + seed + "." + i + "@example.com",
              "New",
              "Hire " + i);
      users.add(u);
      joined.add(u);
    }
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    List<DirectoryGroup> groups = content.groups();
    for (DirectoryGroup g : groups) {
      List<DirectoryMember> kept = new ArrayList<>();
      Set<String> present = new HashSet<>();
      for (DirectoryMember m : content.members().getOrDefault(g.id(), List.of())) {
        if (random.nextDouble() >= fraction) {
          kept.add(m);
          present.add(m.type() + ":" + m.id());
        }
      }
      if (!content.users().isEmpty() && random.nextDouble() < fraction * 10) {
        DirectoryUser u = content.users().get(random.nextInt(content.users().size()));
        if (present.add(MemberType.USER + ":" + u.id())) {
          kept.add(DirectoryMember.user(u));
        }
      }
      members.put(g.id(), kept);
    }
    for (DirectoryUser u : joined) {
      if (!groups.isEmpty()) {
        members.get(groups.get(random.nextInt(groups.size())).id()).add(DirectoryMember.user(u));
      }
    }
    return new DirectoryContent(users, groups, members);
  }

  private static final String[] GIVEN = {
    "Ada", "Alan", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Edsger",
    "Radia", "Tim", "Hedy", "Donald", "Katherine", "Niklaus", "Shafi", "John", "Sophie", "Guido"
  };
  private static final String[] FAMILY = {
    "Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Thompson", "Hamilton", "Ritchie",
    "Allen", "Dijkstra", "Perlman", "Berners-Lee", "Lamarr", "Knuth", "Johnson", "Wirth",
    "Goldwasser", "McCarthy", "Wilson", "van Rossum"
  };
  private static final String[] TITLES = {
    "Engineer", "Senior Engineer", "Manager", "Analyst", "Designer", "Director", "Consultant"
  };
  private static final String[] CITIES = {"London", "New York", "Berlin", "Tokyo", "São Paulo"};
  private static final String[] LANGUAGES = {"en", "de", "fr", "ja", "pt-BR"};

  private static final String[] TEAMS = {
    "Platform",
    "Security",
    "Data",
    "Billing",
    "Support",
    "Mobile",
    "Web",
    "Infra",
    "Research",
    "Ops"
  };
}
