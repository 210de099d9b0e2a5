package io.github.ssosync.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.AttributeLimits;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetUser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the attribute mapping over generated mappings and attribute values (empty values,
 * values the target refuses, managers in and out of scope, managers that form cycles): the first
 * run writes every mapped value; the second writes nothing; values set by hand on attributes the
 * mapping does not name survive every run; hand edits of mapped attributes are repaired, and then
 * nothing is left to do. QuickTheories prints the falsifying seed.
 */
class AttributeMappingPropertiesTest {
  private static final int EXAMPLES = Integer.getInteger("ssosync.examples", 100);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

  /** Mapped attributes and how a generated directory feeds them. */
  private static final Map<UserAttribute, String> SOURCES =
      Map.of(
          UserAttribute.DEPARTMENT, "{organizations.department}",
          UserAttribute.TITLE, "{organizations.title|upper}",
          UserAttribute.COST_CENTER, "{custom:HR.costCenter}",
          UserAttribute.EMPLOYEE_NUMBER, "E-{externalIds.organization}",
          UserAttribute.LOCALITY, "{addresses.locality}",
          UserAttribute.PHONE_NUMBER, "{phones}",
          UserAttribute.MANAGER, "{relations.manager}",
          UserAttribute.NICK_NAME, "{givenName|lower}");

  @Test
  void firstRunWritesEveryMappedValueThenNothingHandValuesSurviveAndDriftIsRepaired() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(this::check);
  }

  private void check(long seed) {
    Random random = new Random(seed);
    DirectoryContent directory = directory(random);
    AttributeMapping.Builder mapping = AttributeMapping.builder();
    Set<UserAttribute> mapped = EnumSet.noneOf(UserAttribute.class);
    for (Map.Entry<UserAttribute, String> e : SOURCES.entrySet()) {
      if (random.nextBoolean()) {
        mapping.map(e.getKey(), e.getValue(), random.nextInt(4) == 0 ? "n/a" : null);
        mapped.add(e.getKey());
      }
    }
    SyncPolicy policy =
        SyncPolicy.builder()
            .userMatch("*")
            .groupMatch("")
            .attributeMapping(mapping.build())
            .build();
    InMemoryIdentityTarget target =
        InMemoryIdentityTarget.builder()
            .clock(CLOCK)
            .capabilities(
                TargetCapabilities.builder()
                    .anchorIssuer(InMemoryIdentityTarget.DEFAULT_ISSUER)
                    .canDisableUsers(true)
                    .maxMembersOnGroupCreate(100)
                    .allUserAttributes()
                    // Titles over 12 characters are refused: such a value is dropped, not the user.
                    .limits(
                        AttributeLimits.NONE.with(
                            UserAttribute.TITLE, AttributeLimits.Rule.maxLength(12)))
                    .build())
            .build();
    InMemoryDirectorySource source = new InMemoryDirectorySource(directory);
    SyncEngine engine =
        SyncEngine.builder()
            .source(source)
            .target(target)
            .policy(policy)
            .clock(CLOCK)
            .concurrency(3)
            .build();

    SyncReport first = engine.sync();
    assertThat(first.failures()).as("seed %d", seed).isEmpty();
    assertMappedValues(seed, directory, policy, target, first);

    assertThat(engine.sync().plan().changes()).as("seed %d: second run", seed).isEmpty();

    // An administrator edits users by hand: attributes the mapping does not name, and mapped ones.
    Map<String, Map<UserAttribute, String>> handSet = new HashMap<>();
    List<TargetUser> users = target.snapshot().users();
    for (TargetUser u : users) {
      for (UserAttribute a :
          List.of(UserAttribute.TITLE, UserAttribute.DIVISION, UserAttribute.LOCALE)) {
        if (random.nextInt(3) == 0) {
          target.editByHand(u.id(), a, "hand-" + a.key());
          if (!mapped.contains(a)) {
            handSet.computeIfAbsent(u.id(), k -> new HashMap<>()).put(a, "hand-" + a.key());
          }
        }
      }
      if (random.nextInt(4) == 0) {
        String manager = users.get(random.nextInt(users.size())).id();
        target.editByHand(u.id(), UserAttribute.MANAGER, manager);
        if (!mapped.contains(UserAttribute.MANAGER)) {
          handSet.computeIfAbsent(u.id(), k -> new HashMap<>()).put(UserAttribute.MANAGER, manager);
        }
      }
    }
    SyncReport repaired = engine.sync();
    assertThat(repaired.failures()).as("seed %d: repair", seed).isEmpty();
    assertMappedValues(seed, directory, policy, target, repaired);
    for (TargetUser u : target.snapshot().users()) {
      handSet
          .getOrDefault(u.id(), Map.of())
          .forEach(
              (a, v) ->
                  assertThat(u.optional().get(a))
                      .as("seed %d: unmapped %s of %s set by hand", seed, a.key(), u.userName())
                      .isEqualTo(v));
    }
    assertThat(engine.sync().plan().changes()).as("seed %d: after repair", seed).isEmpty();
  }

  /**
   * Every synced user holds exactly the mapped values the directory gives (a refused or
   * out-of-scope value left as it was, with a warning naming the user).
   */
  private static void assertMappedValues(
      long seed,
      DirectoryContent directory,
      SyncPolicy policy,
      InMemoryIdentityTarget target,
      SyncReport report) {
    Map<String, TargetUser> byName = new HashMap<>();
    Map<String, String> nameById = new HashMap<>();
    for (TargetUser u : target.snapshot().users()) {
      byName.put(u.userName(), u);
      nameById.put(u.id(), u.userName());
    }
    Set<String> warned = new java.util.HashSet<>();
    for (PlanWarning w : report.plan().warnings()) {
      warned.add(w.subject() + "|" + w.kind());
    }
    AttributeMapping mapping = policy.attributeMapping();
    for (DirectoryUser d : directory.users()) {
      TargetUser t = byName.get(d.primaryEmail());
      assertThat(t).as("seed %d: %s synced", seed, d.primaryEmail()).isNotNull();
      for (UserAttribute a : mapping.optional()) {
        AttributeMapping.Entry e = java.util.Objects.requireNonNull(mapping.entry(a));
        String v = e.template().render(d);
        if (v.isEmpty() && e.defaultValue() != null) {
          v = e.defaultValue();
        }
        String held = t.optional().get(a);
        if (a == UserAttribute.MANAGER) {
          if (warned.contains(d.primaryEmail() + "|" + PlanWarning.Kind.MANAGER_OUT_OF_SCOPE)) {
            continue;
          }
          assertThat(held == null ? null : nameById.get(held))
              .as("seed %d: manager of %s", seed, d.primaryEmail())
              .isEqualTo(v.isEmpty() ? null : v);
        } else if (a == UserAttribute.TITLE && v.length() > 12) {
          assertThat(warned)
              .as("seed %d: refused title of %s warned", seed, d.primaryEmail())
              .contains(d.primaryEmail() + "|" + PlanWarning.Kind.INVALID_ATTRIBUTE);
        } else {
          assertThat(held)
              .as("seed %d: %s of %s", seed, a.key(), d.primaryEmail())
              .isEqualTo(v.isEmpty() ? null : v);
        }
      }
    }
  }

  /** Users with random attribute values; managers in scope, out of it, themselves, or in cycles. */
  private static DirectoryContent directory(Random random) {
    int n = 1 + random.nextInt(25);
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      emails.add("user" + i + "@example.com");
    }
    DirectoryContent.Builder b = DirectoryContent.builder();
    List<DirectoryMember> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, String> attributes = new HashMap<>();
      maybe(random, attributes, "organizations.department", pick(random, "Eng", "Sales", " Ops "));
      maybe(
          random,
          attributes,
          "organizations.title",
          pick(random, "engineer", "principal engineer"));
      maybe(random, attributes, "customSchemas.HR.costCenter", "CC-" + random.nextInt(5));
      maybe(random, attributes, "externalIds.organization", String.valueOf(1000 + i));
      maybe(random, attributes, "addresses.locality", pick(random, "Berlin", "Lyon"));
      maybe(random, attributes, "phones", "+1 555 0" + random.nextInt(1000));
      int manager = random.nextInt(n + 2);
      if (manager < n) {
        attributes.put("relations.manager", emails.get(manager)); // may be itself; may cycle
      } else if (manager == n) {
        attributes.put("relations.manager", "outsider@elsewhere.example");
      }
      b.user(
          new DirectoryUser(
              "id" + i, emails.get(i), "Given" + i, "Family" + i, false, false, "/", attributes));
    }
    b.group(
        new DirectoryGroup("g1", "aws-all@example.com", "All", null),
        members.toArray(DirectoryMember[]::new));
    return b.build();
  }

  private static void maybe(Random random, Map<String, String> into, String key, String value) {
    if (random.nextInt(3) > 0) {
      into.put(key, value);
    }
  }

  private static String pick(Random random, String... values) {
    return values[random.nextInt(values.length)];
  }
}
