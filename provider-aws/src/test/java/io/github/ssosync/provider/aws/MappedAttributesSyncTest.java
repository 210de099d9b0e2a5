package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.InMemoryDirectorySource;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.TargetUser;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mapped user attributes through the whole sync, the real AWS SDK and the real SCIM client against
 * the emulator, in both write modes: creates carry them, a change is one update, a removal unsets,
 * hand edits of mapped attributes are repaired and hand-set unmapped ones survive.
 */
class MappedAttributesSyncTest {
  private final AwsFixture aws = new AwsFixture();

  @AfterEach
  void stop() {
    aws.close();
  }

  /** Ten attributes each mode writes; SCIM's include the enterprise extension and the manager. */
  static List<UserAttribute> mapped(WriteMode mode) {
    return mode == WriteMode.SCIM
        ? List.of(
            UserAttribute.TITLE,
            UserAttribute.NICK_NAME,
            UserAttribute.MIDDLE_NAME,
            UserAttribute.TIMEZONE,
            UserAttribute.PHONE_NUMBER,
            UserAttribute.LOCALITY,
            UserAttribute.COUNTRY,
            UserAttribute.DEPARTMENT,
            UserAttribute.COST_CENTER,
            UserAttribute.MANAGER)
        : List.of(
            UserAttribute.TITLE,
            UserAttribute.NICK_NAME,
            UserAttribute.MIDDLE_NAME,
            UserAttribute.TIMEZONE,
            UserAttribute.PHONE_NUMBER,
            UserAttribute.LOCALITY,
            UserAttribute.COUNTRY,
            UserAttribute.USER_TYPE,
            UserAttribute.LOCALE,
            UserAttribute.HONORIFIC_PREFIX);
  }

  static SyncPolicy policy(List<UserAttribute> mapped) {
    AttributeMapping.Builder m = AttributeMapping.builder();
    mapped.forEach(a -> m.map(a, "{attr:" + a.key() + "}"));
    return SyncPolicy.builder()
        .groupMatch("*")
        .deletionGuard(DeletionGuard.OFF)
        .attributeMapping(m.build())
        .build();
  }

  /** A directory attribute value for a user, per attribute. */
  static String value(UserAttribute a, int user) {
    return switch (a) {
      case PHONE_NUMBER -> "+1 555 010" + user;
      case TIMEZONE -> "Europe/Paris";
      case LOCALE -> "fr-FR";
      case COUNTRY -> "FR";
      case HONORIFIC_PREFIX -> "Dr.";
      default -> a.key() + " of " + user;
    };
  }

  /** Users 0..n-1 in one group; user i > 0 reports to user 0, whose email the manager key holds. */
  static DirectoryContent directory(int n, List<UserAttribute> mapped, Map<String, String> edits) {
    DirectoryContent.Builder b = DirectoryContent.builder();
    DirectoryMember[] members = new DirectoryMember[n];
    for (int i = 0; i < n; i++) {
      Map<String, String> attrs = new HashMap<>();
      for (UserAttribute a : mapped) {
        if (a == UserAttribute.MANAGER) {
          if (i > 0) {
            attrs.put(a.key(), "user0@example.com");
          }
        } else {
          attrs.put(a.key(), value(a, i));
        }
      }
      for (Map.Entry<String, String> e : edits.entrySet()) {
        if (e.getKey().startsWith(i + ":")) {
          String key = e.getKey().substring(e.getKey().indexOf(':') + 1);
          if (e.getValue() == null) {
            attrs.remove(key);
          } else {
            attrs.put(key, e.getValue());
          }
        }
      }
      DirectoryUser u =
          new DirectoryUser(
              "s" + i,
              "user" + i + "@example.com",
              "User",
              "Number" + i,
              false,
              false,
              null,
              attrs);
      b.user(u);
      members[i] = DirectoryMember.user(u);
    }
    return b.group(DirectoryGroup.of("g1", "aws-all@example.com", "All"), members).build();
  }

  private SyncReport sync(WriteMode mode, SyncPolicy policy, DirectoryContent content) {
    SyncReport r =
        SyncEngine.builder()
            .source(new InMemoryDirectorySource(content))
            .target(aws.target(mode))
            .policy(policy)
            .build()
            .sync();
    assertThat(r.failures()).isEmpty();
    return r;
  }

  private TargetUser user(int i) {
    return aws.emulator.users().stream()
        .filter(u -> u.userName().equals("user" + i + "@example.com"))
        .findFirst()
        .orElseThrow();
  }

  /** Calls that write, by operation, across both APIs. */
  private Map<String, Long> writes() {
    Map<String, Long> out = new LinkedHashMap<>();
    aws.emulator.identityStoreCalls().forEach((op, n) -> count(out, op, n));
    aws.emulator.scimCalls().forEach((op, n) -> count(out, op, n));
    return out;
  }

  private static void count(Map<String, Long> out, String op, long n) {
    String name = op.substring(op.indexOf('.') + 1);
    if (!name.startsWith("List") && !name.startsWith("Get") && !name.startsWith("Describe")) {
      out.merge(op, n, Long::sum);
    }
  }

  private static Map<String, String> edit(Object... kv) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], (String) kv[i + 1]);
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void createsCarryTenAttributesAndAReSyncWritesNothing(WriteMode mode) {
    List<UserAttribute> mapped = mapped(mode);
    sync(mode, policy(mapped), directory(3, mapped, Map.of()));

    assertThat(writes()).containsEntry(createOnly(mode), 3L).doesNotContainKey(update(mode));
    Map<UserAttribute, String> expected = new EnumMap<>(UserAttribute.class);
    for (UserAttribute a : mapped) {
      expected.put(a, a == UserAttribute.MANAGER ? user(0).id() : value(a, 2));
    }
    assertThat(user(2).optional()).isEqualTo(expected);

    aws.emulator.resetCalls();
    sync(mode, policy(mapped), directory(3, mapped, Map.of()));
    assertThat(writes()).isEmpty();
  }

  private static String createOnly(WriteMode mode) {
    return mode == WriteMode.SCIM ? "scim.CreateUser" : "AWSIdentityStore.CreateUser";
  }

  private static String update(WriteMode mode) {
    return mode == WriteMode.SCIM ? "scim.PatchUser" : "AWSIdentityStore.UpdateUser";
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void aChangeIsOneUpdateAndARemovalUnsetsTheAttribute(WriteMode mode) {
    List<UserAttribute> mapped = mapped(mode);
    sync(mode, policy(mapped), directory(2, mapped, Map.of()));

    aws.emulator.resetCalls();
    sync(mode, policy(mapped), directory(2, mapped, edit("1:title", "Chief")));
    assertThat(writes()).isEqualTo(Map.of(update(mode), 1L));
    assertThat(user(1).optional()).containsEntry(UserAttribute.TITLE, "Chief");

    // Unset: a plain attribute, the phone number, an address part, and in SCIM mode an
    // enterprise attribute and the manager; all in one update.
    Map<String, String> removals = edit("1:title", null, "1:phoneNumber", null, "1:locality", null);
    if (mode == WriteMode.SCIM) {
      removals.put("1:department", null);
      removals.put("1:manager", null);
    }
    aws.emulator.resetCalls();
    sync(mode, policy(mapped), directory(2, mapped, removals));
    assertThat(writes()).isEqualTo(Map.of(update(mode), 1L));
    assertThat(user(1).optional())
        .doesNotContainKeys(
            UserAttribute.TITLE,
            UserAttribute.PHONE_NUMBER,
            UserAttribute.LOCALITY,
            UserAttribute.DEPARTMENT,
            UserAttribute.MANAGER)
        .containsEntry(UserAttribute.COUNTRY, value(UserAttribute.COUNTRY, 1))
        .containsEntry(UserAttribute.NICK_NAME, value(UserAttribute.NICK_NAME, 1));
    if (mode == WriteMode.SCIM) {
      assertThat(user(1).optional())
          .containsEntry(UserAttribute.COST_CENTER, value(UserAttribute.COST_CENTER, 1));
    }
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void handEditsOfMappedAttributesAreRepairedAndUnmappedOnesSurvive(WriteMode mode) {
    List<UserAttribute> mapped = mapped(mode);
    sync(mode, policy(mapped), directory(3, mapped, Map.of()));
    String id = user(1).id();
    // By hand, as in the console or another tool: a mapped title and locality edited, an
    // unmapped attribute and an unmapped part of the mapped address set.
    aws.emulator.setUserAttributeDirectly(id, UserAttribute.TITLE, "Hacker");
    aws.emulator.setUserAttributeDirectly(id, UserAttribute.LOCALITY, "Nowhere");
    aws.emulator.setUserAttributeDirectly(id, UserAttribute.PROFILE_URL, "https://example.com/u1");
    aws.emulator.setUserAttributeDirectly(id, UserAttribute.POSTAL_CODE, "75001");
    if (mode == WriteMode.SCIM) {
      aws.emulator.setUserAttributeDirectly(id, UserAttribute.DEPARTMENT, "Pirates");
      aws.emulator.setUserAttributeDirectly(id, UserAttribute.MANAGER, user(2).id());
      aws.emulator.setUserAttributeDirectly(id, UserAttribute.DIVISION, "Hand-set");
    }

    aws.emulator.resetCalls();
    sync(mode, policy(mapped), directory(3, mapped, Map.of()));
    assertThat(writes()).isEqualTo(Map.of(update(mode), 1L));
    Map<UserAttribute, String> held = user(1).optional();
    assertThat(held)
        .containsEntry(UserAttribute.TITLE, value(UserAttribute.TITLE, 1))
        .containsEntry(UserAttribute.LOCALITY, value(UserAttribute.LOCALITY, 1))
        .containsEntry(UserAttribute.COUNTRY, value(UserAttribute.COUNTRY, 1))
        .containsEntry(UserAttribute.PROFILE_URL, "https://example.com/u1")
        .containsEntry(UserAttribute.POSTAL_CODE, "75001");
    if (mode == WriteMode.SCIM) {
      assertThat(held)
          .containsEntry(UserAttribute.DEPARTMENT, value(UserAttribute.DEPARTMENT, 1))
          .containsEntry(UserAttribute.MANAGER, user(0).id())
          .containsEntry(UserAttribute.DIVISION, "Hand-set");
    }

    // Then nothing is left to repair, and the unmapped values are still there.
    aws.emulator.resetCalls();
    sync(mode, policy(mapped), directory(3, mapped, Map.of()));
    assertThat(writes()).isEmpty();
    assertThat(user(1).optional()).isEqualTo(held);
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void aFirstSyncWithTenMappedAttributesCostsTheCallsOfOneWithout(WriteMode mode) {
    List<UserAttribute> mapped = mapped(mode);
    DirectoryContent content = directory(30, mapped, Map.of());
    sync(mode, policy(List.of()), content);
    Map<String, Long> without = new HashMap<>(aws.emulator.identityStoreCalls());
    without.putAll(aws.emulator.scimCalls());

    try (AwsFixture other = new AwsFixture()) {
      SyncReport r =
          SyncEngine.builder()
              .source(new InMemoryDirectorySource(content))
              .target(other.target(mode))
              .policy(policy(mapped))
              .build()
              .sync();
      assertThat(r.failures()).isEmpty();
      Map<String, Long> with = new HashMap<>(other.emulator.identityStoreCalls());
      with.putAll(other.emulator.scimCalls());
      assertThat(with).isEqualTo(without);
      assertThat(other.emulator.users()).allSatisfy(u -> assertThat(u.optional()).isNotEmpty());
    }
  }
}
