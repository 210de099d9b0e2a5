package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.change.Change;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.feed.TargetChanges;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;

/**
 * After random hand edits through the Identity Store API and SCIM, the previous snapshot refreshed
 * with what the CloudTrail feed names equals a full read: in both write modes, over five windows.
 */
class IncrementalReadTest {
  private static final TargetScope SCOPE = TargetScope.allGroups();

  @Test
  void identityStoreMode() {
    run(WriteMode.IDENTITY_STORE, 18L);
  }

  @Test
  void scimMode() {
    run(WriteMode.SCIM, 1818L);
  }

  private static void run(WriteMode mode, long seed) {
    Random random = new Random(seed);
    try (AwsFixture aws = new AwsFixture();
        HandEdits hand = new HandEdits(aws.emulator);
        IdentityCenterTarget target = aws.target(mode)) {
      assertThat(target.tagWrites("run-1")).isTrue();
      seed(target);
      CloudTrailChangeFeed feed =
          CloudTrailChangeFeed.builder()
              .region(aws.emulator.region())
              .cloudTrailEndpoint(aws.emulator.cloudTrailEndpoint())
              .credentialsProvider(AwsFixture.CREDENTIALS)
              .identityStoreId(aws.emulator.identityStoreId())
              // No overlap: each window holds only its own round's edits, so that a change the
              // feed fails to name is not covered by an earlier round's naming the same object.
              .overlap(java.time.Duration.ZERO)
              .build();
      TargetSnapshot previous = target.read(SCOPE);
      // Short windows, so that one edit's object is seldom touched again by another in the same
      // window (which would hide a change the feed failed to name).
      for (int round = 0; round < 5; round++) {
        Instant from = nextSecond();
        for (int i = 0; i < 6; i++) {
          edit(random, aws, hand, round + "-" + i);
        }
        TargetChanges changes = feed.changes(from, Instant.now(), Set.of("run-1"));
        assertThat(changes.isEmpty()).isFalse();
        TargetSnapshot refreshed = target.readChanged(previous, changes, SCOPE);
        TargetSnapshot full = target.read(SCOPE);
        assertSame(refreshed, full);
        previous = full;
      }
    }
  }

  /** CloudTrail's event times are whole seconds: a window starts on one, after the last edit. */
  private static Instant nextSecond() {
    Instant next = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
    try {
      Thread.sleep(Math.max(0, java.time.Duration.between(Instant.now(), next).toMillis() + 5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return next;
  }

  private static void seed(IdentityCenterTarget target) {
    List<Change> users = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String email = "seed" + i + "@example.com";
      users.add(
          new Change.CreateUser(
              ObjectRef.pending("s" + i, email),
              new UserAttributes(email, "Seed", "User" + i, "Seed User" + i, email, true, "s" + i),
              "seed"));
    }
    List<ChangeResult> made = target.apply(users);
    for (int g = 0; g < 3; g++) {
      String name = "seed-group-" + g;
      String groupId =
          target
              .apply(
                  List.of(
                      new Change.CreateGroup(
                          ObjectRef.pending("g" + g, name),
                          new GroupAttributes(name, null, "g" + g),
                          List.of(),
                          "seed")))
              .get(0)
              .targetId();
      List<Change> adds = new ArrayList<>();
      for (int i = g; i < 6; i += 2) {
        adds.add(
            new Change.AddMembership(
                ObjectRef.existing(groupId, "g" + g, name),
                ObjectRef.existing(made.get(i).targetId(), "s" + i, "seed" + i),
                "seed"));
      }
      assertThat(target.apply(adds)).allMatch(ChangeResult::applied);
    }
  }

  /** One random edit by someone else, through either API. */
  private static void edit(Random random, AwsFixture aws, HandEdits hand, String tag) {
    List<TargetUser> users = aws.emulator.users();
    List<TargetGroup> groups = aws.emulator.groups();
    List<TargetMembership> memberships = aws.emulator.memberships();
    boolean scim = random.nextBoolean();
    String store = hand.store();
    switch (random.nextInt(8)) {
      case 0 -> {
        if (scim) {
          hand.scimCreateUser("hand-" + tag);
        } else {
          hand.createUser("hand-" + tag);
        }
      }
      case 1 -> {
        if (users.isEmpty()) {
          return;
        }
        String id = users.get(random.nextInt(users.size())).id();
        if (scim) {
          hand.scim(
              "PATCH",
              "Users/" + id,
              "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                  + "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Renamed "
                  + tag
                  + "\"}]}");
        } else {
          hand.sdk.updateUser(
              r ->
                  r.identityStoreId(store)
                      .userId(id)
                      .operations(
                          o ->
                              o.attributePath("displayName")
                                  .attributeValue(Document.fromString("Renamed " + tag))));
        }
      }
      case 2 -> {
        if (users.size() < 3) {
          return;
        }
        String id = users.get(random.nextInt(users.size())).id();
        if (scim) {
          hand.scim("DELETE", "Users/" + id, null);
        } else {
          hand.sdk.deleteUser(r -> r.identityStoreId(store).userId(id));
        }
      }
      case 3 -> {
        if (scim) {
          hand.scim("POST", "Groups", "{\"displayName\":\"hand-group-" + tag + "\"}");
        } else {
          hand.createGroup("hand-group-" + tag);
        }
      }
      case 4 -> {
        if (groups.isEmpty()) {
          return;
        }
        String id = groups.get(random.nextInt(groups.size())).id();
        if (scim) {
          hand.scim(
              "PATCH",
              "Groups/" + id,
              "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                  + "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"renamed-"
                  + tag
                  + "\"}]}");
        } else {
          hand.sdk.updateGroup(
              r ->
                  r.identityStoreId(store)
                      .groupId(id)
                      .operations(
                          o ->
                              o.attributePath("description")
                                  .attributeValue(Document.fromString("described " + tag))));
        }
      }
      case 5 -> {
        if (groups.size() < 2) {
          return;
        }
        String id = groups.get(random.nextInt(groups.size())).id();
        if (scim) {
          hand.scim("DELETE", "Groups/" + id, null);
        } else {
          hand.sdk.deleteGroup(r -> r.identityStoreId(store).groupId(id));
        }
      }
      case 6 -> {
        if (groups.isEmpty() || users.isEmpty()) {
          return;
        }
        String group = groups.get(random.nextInt(groups.size())).id();
        String user = users.get(random.nextInt(users.size())).id();
        if (memberships.stream()
            .anyMatch(m -> m.groupId().equals(group) && m.userId().equals(user))) {
          return;
        }
        if (scim) {
          hand.scimAddMember(group, user);
        } else {
          hand.addMember(group, user);
        }
      }
      default -> {
        if (memberships.isEmpty()) {
          return;
        }
        TargetMembership m = memberships.get(random.nextInt(memberships.size()));
        if (scim) {
          hand.scim(
              "PATCH",
              "Groups/" + m.groupId(),
              "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                  + "[{\"op\":\"remove\",\"path\":\"members[value eq \\\""
                  + m.userId()
                  + "\\\"]\"}]}");
        } else {
          hand.sdk.deleteGroupMembership(r -> r.identityStoreId(store).membershipId(m.id()));
        }
      }
    }
  }

  private static void assertSame(TargetSnapshot refreshed, TargetSnapshot full) {
    assertThat(new HashSet<>(refreshed.users())).isEqualTo(new HashSet<>(full.users()));
    assertThat(new HashSet<>(refreshed.groups())).isEqualTo(new HashSet<>(full.groups()));
    assertThat(new HashSet<>(refreshed.memberships())).isEqualTo(new HashSet<>(full.memberships()));
    assertThat(refreshed.membershipsRead()).isEqualTo(full.membershipsRead());
    assertThat(refreshed.capabilities()).isEqualTo(full.capabilities());
  }
}
