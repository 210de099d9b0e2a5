package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.feed.FeedGapException;
import io.github.ssosync.feed.TargetChanges;
import io.github.ssosync.provider.ApiFamily;
import io.github.ssosync.provider.RetryPolicy;
import io.github.ssosync.targets.ChangeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.identitystore.model.ConflictException;

/** The CloudTrail feed through the real SDK against the emulator's LookupEvents. */
class CloudTrailChangeFeedTest {
  private final AwsFixture aws = new AwsFixture();
  private final HandEdits hand = new HandEdits(aws.emulator);

  @AfterEach
  void close() {
    hand.close();
    aws.close();
  }

  private CloudTrailChangeFeed.Builder feedBuilder() {
    return CloudTrailChangeFeed.builder()
        .region(aws.emulator.region())
        .cloudTrailEndpoint(aws.emulator.cloudTrailEndpoint())
        .credentialsProvider(AwsFixture.CREDENTIALS)
        .identityStoreId(aws.emulator.identityStoreId());
  }

  private static Instant ago(int seconds) {
    return Instant.now().minusSeconds(seconds);
  }

  @Test
  void seesHandEditsThroughTheIdentityStoreApi() {
    Instant from = Instant.now();
    String user = hand.createUser("alice");
    String group = hand.createGroup("team");
    String membership = hand.addMember(group, user);
    String other = hand.createUser("bob");
    hand.sdk.updateUser(
        r ->
            r.identityStoreId(hand.store())
                .userId(other)
                .operations(
                    o ->
                        o.attributePath("displayName")
                            .attributeValue(
                                software.amazon.awssdk.core.document.Document.fromString(
                                    "Bobby"))));
    hand.sdk.deleteGroupMembership(r -> r.identityStoreId(hand.store()).membershipId(membership));
    hand.sdk.updateGroup(
        r ->
            r.identityStoreId(hand.store())
                .groupId(group)
                .operations(
                    o ->
                        o.attributePath("description")
                            .attributeValue(
                                software.amazon.awssdk.core.document.Document.fromString(
                                    "the team"))));
    TargetChanges changes =
        feedBuilder()
            .overlap(Duration.ZERO)
            .build()
            .changes(from.minusSeconds(1), Instant.now(), Set.of());
    assertThat(changes.userIds()).containsExactlyInAnyOrder(user, other);
    assertThat(changes.groupIds()).containsExactly(group);
    assertThat(changes.membershipGroupIds()).containsExactly(group);
    assertThat(changes.membershipIds()).containsExactly(membership);
  }

  @Test
  void seesHandEditsThroughScimFromAnotherTool() {
    String group = hand.createGroup("scim-team");
    Instant from = Instant.now();
    String user = hand.scimCreateUser("carol");
    hand.scimAddMember(group, user);
    String gone = hand.scimCreateUser("dave");
    hand.scim("DELETE", "Users/" + gone, null);
    TargetChanges changes =
        feedBuilder()
            .overlap(Duration.ZERO)
            .build()
            .changes(from.minusSeconds(1), Instant.now(), Set.of());
    assertThat(changes.userIds()).containsExactlyInAnyOrder(user, gone);
    // PatchGroup's members are masked in CloudTrail: the group is named, not the member.
    assertThat(changes.groupIds()).containsExactly(group);
    assertThat(changes.membershipGroupIds()).containsExactly(group);
  }

  @Test
  void skipsTheWritesOfOwnRunsInBothWriteModes() {
    for (WriteMode mode : WriteMode.values()) {
      IdentityCenterTarget target = aws.target(mode);
      assertThat(target.tagWrites("run-" + mode.name().charAt(0))).isTrue();
      Instant from = Instant.now();
      List<ChangeResult> users =
          target.apply(
              List.of(
                  new Change.CreateUser(
                      ObjectRef.pending("s-" + mode, "u-" + mode + "@example.com"),
                      new UserAttributes(
                          "u-" + mode + "@example.com",
                          "U",
                          "Ser",
                          "U Ser",
                          "u-" + mode + "@example.com",
                          true,
                          "s-" + mode),
                      "test")));
      String userId = users.get(0).targetId();
      List<ChangeResult> groups =
          target.apply(
              List.of(
                  new Change.CreateGroup(
                      ObjectRef.pending("g-" + mode, "grp-" + mode),
                      new GroupAttributes("grp-" + mode, "described", "g-" + mode),
                      List.of(),
                      "test")));
      String groupId = groups.get(0).targetId();
      List<ChangeResult> added =
          target.apply(
              List.of(
                  new Change.AddMembership(
                      ObjectRef.existing(groupId, "g-" + mode, "grp-" + mode),
                      ObjectRef.existing(userId, "s-" + mode, "u-" + mode),
                      "test")));
      if (mode == WriteMode.IDENTITY_STORE) {
        // The engine folds the membership's id into its view.
        assertThat(added.get(0).targetId()).isEqualTo(aws.emulator.memberships().get(0).id());
      }
      CloudTrailChangeFeed feed = feedBuilder().overlap(Duration.ZERO).build();
      Instant to = Instant.now();
      String run = "run-" + mode.name().charAt(0);
      assertThat(feed.changes(from.minusSeconds(1), to, Set.of(run)).isEmpty()).isTrue();
      // Untagged by the run list, the same writes are someone else's.
      TargetChanges foreign = feed.changes(from.minusSeconds(1), to, Set.of("another-run"));
      assertThat(foreign.userIds()).contains(userId);
      assertThat(foreign.groupIds()).contains(groupId);
      assertThat(foreign.membershipGroupIds()).contains(groupId);
      target.close();
      aws.emulator.deleteUserDirectly(userId);
    }
  }

  @Test
  void readsAndFailedCallsChangeNothing() {
    // Made without an event, so that the window holds only reads and a failure.
    String group = aws.emulator.createUnmanagedGroup("taken").id();
    Instant from = Instant.now();
    hand.sdk.listUsers(r -> r.identityStoreId(hand.store()));
    hand.sdk.describeGroup(r -> r.identityStoreId(hand.store()).groupId(group));
    assertThatThrownBy(() -> hand.createGroup("taken")).isInstanceOf(ConflictException.class);
    hand.scim("GET", "Users", null);
    TargetChanges changes =
        feedBuilder()
            .overlap(Duration.ZERO)
            .build()
            .changes(from.minusSeconds(1), Instant.now(), Set.of());
    assertThat(changes.isEmpty()).isTrue();
    // The events were there to skip: the lookup answered 5 (4 reads and a failed create).
    assertThat(aws.emulator.cloudTrailCalls()).containsKey("cloudtrail.LookupEvents");
  }

  @Test
  void pagesAt50() {
    Instant from = Instant.now();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      ids.add(hand.createUser("many-" + i));
    }
    CloudTrailChangeFeed feed = feedBuilder().overlap(Duration.ZERO).build();
    TargetChanges changes = feed.changes(from.minusSeconds(1), Instant.now(), Set.of());
    assertThat(changes.userIds()).containsExactlyInAnyOrderElementsOf(ids);
    // 3 pages of the Identity Store's events, 1 each for SCIM and the directory.
    assertThat(feed.apiCalls()).containsEntry("cloudtrail.LookupEvents", 5L);
  }

  @Test
  void aFeedAboveTheQuotaIsThrottledAndRetries() {
    Instant from = Instant.now();
    for (int i = 0; i < 120; i++) {
      hand.createUser("fast-" + i);
    }
    ApiFamily eager =
        CloudTrailChangeFeed.cloudTrailApi()
            .requestsPerSecond(1000)
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(10)
                    .initialBackoff(Duration.ofMillis(200))
                    .maxBackoff(Duration.ofSeconds(1))
                    .build())
            .build();
    CloudTrailChangeFeed feed = feedBuilder().overlap(Duration.ZERO).cloudTrailApi(eager).build();
    assertThat(feed.changes(from.minusSeconds(1), Instant.now(), Set.of()).userIds()).hasSize(120);
    assertThat(eager.throttles()).isNotEmpty();
  }

  @Test
  void theDefaultQuotaStaysUnderCloudTrailsTwoASecond() {
    Instant from = Instant.now();
    for (int i = 0; i < 120; i++) {
      hand.createUser("paced-" + i);
    }
    ApiFamily paced = CloudTrailChangeFeed.cloudTrailApi().build();
    CloudTrailChangeFeed feed = feedBuilder().overlap(Duration.ZERO).cloudTrailApi(paced).build();
    feed.changes(from.minusSeconds(1), Instant.now(), Set.of());
    assertThat(paced.throttles()).isEmpty();
    assertThat(paced.calls()).containsEntry("cloudtrail.LookupEvents", 5L);
  }

  @Test
  void eventsShowOnlyAfterTheDeliveryLag() {
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    aws.emulator.clock(clock);
    aws.emulator.cloudTrailDeliveryLag(Duration.ofMinutes(5));
    Instant from = clock.instant();
    clock.advance(Duration.ofSeconds(10));
    String user = hand.createUser("late");
    CloudTrailChangeFeed feed = feedBuilder().overlap(Duration.ZERO).clock(clock).build();
    clock.advance(Duration.ofMinutes(1));
    assertThat(feed.changes(from, clock.instant(), Set.of()).userIds()).isEmpty();
    clock.advance(Duration.ofMinutes(5));
    assertThat(feed.changes(from, clock.instant(), Set.of()).userIds()).containsExactly(user);
    // The overlap is what covers the lag: a window starting after the write still sees it.
    CloudTrailChangeFeed overlapping = feedBuilder().clock(clock).build();
    assertThat(overlapping.overlap()).isEqualTo(Duration.ofMinutes(15));
    assertThat(
            overlapping
                .changes(clock.instant().minusSeconds(60), clock.instant(), Set.of())
                .userIds())
        .containsExactly(user);
  }

  @Test
  void aWindowBeyondNinetyDaysIsAGap() {
    CloudTrailChangeFeed feed = feedBuilder().build();
    assertThatThrownBy(() -> feed.changes(ago(91 * 86400), Instant.now(), Set.of()))
        .isInstanceOf(FeedGapException.class)
        .hasMessageContaining("90 days");
    assertThat(feed.changes(ago(89 * 86400), Instant.now(), Set.of()).isEmpty()).isTrue();
  }

  @Test
  void aConsoleWriteOrAnUnknownEventIsAGapButAConsoleReadIsNot() {
    Instant from = Instant.now();
    aws.emulator.recordEvent("sso-directory.amazonaws.com", "SearchUsers", true);
    CloudTrailChangeFeed feed = feedBuilder().overlap(Duration.ZERO).build();
    assertThat(feed.changes(from.minusSeconds(1), Instant.now(), Set.of()).isEmpty()).isTrue();
    aws.emulator.recordEvent("sso-directory.amazonaws.com", "AddMemberToGroup", false);
    assertThatThrownBy(() -> feed.changes(from.minusSeconds(1), Instant.now(), Set.of()))
        .isInstanceOf(FeedGapException.class)
        .hasMessageContaining("AddMemberToGroup");
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(
            () ->
                CloudTrailChangeFeed.builder()
                    .overlap(Duration.ofDays(2))
                    .identityStoreId("store")
                    .cloudTrailApi(ApiFamily.builder("other").requestsPerSecond(1).build())
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("region")
        .hasMessageContaining("overlap")
        .hasMessageContaining("identityStoreId")
        .hasMessageContaining("cloudTrailApi");
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
