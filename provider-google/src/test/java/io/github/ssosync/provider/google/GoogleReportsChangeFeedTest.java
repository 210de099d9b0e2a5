package io.github.ssosync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.feed.DirectoryChanges;
import io.github.ssosync.feed.FeedGapException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Reports feed through the real Reports client against the emulator's audit log. */
class GoogleReportsChangeFeedTest {
  static final DirectoryUser ALICE = DirectoryUser.of("u1", "alice@example.com", "Alice", "A");
  static final DirectoryUser BOB = DirectoryUser.of("u2", "bob@example.com", "Bob", "B");
  static final DirectoryGroup ENG = DirectoryGroup.of("g1", "eng@example.com", "Eng");

  @TempDir Path dir;
  GoogleFixture f;
  SteppingClock clock = new SteppingClock(Instant.parse("2026-06-01T10:00:00Z"));

  @BeforeEach
  void start() {
    f =
        new GoogleFixture(
            DirectoryContent.builder()
                .user(ALICE)
                .user(BOB)
                .group(ENG, DirectoryMember.user(ALICE))
                .build(),
            dir);
    f.emulator.clock(clock);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  GoogleReportsChangeFeed.Builder feed() {
    return GoogleReportsChangeFeed.builder()
        .serviceAccountKey(f.keyFile)
        .delegatedAdmin(GoogleFixture.ADMIN)
        .rootUrl(f.emulator.rootUrl())
        .reportsApi(
            GoogleReportsChangeFeed.reportsApi()
                .requestsPerSecond(10_000)
                .retryPolicy(GoogleFixture.FAST)
                .build())
        .overlap(Duration.ofMinutes(5))
        .clock(clock);
  }

  DirectoryContent.Builder content(DirectoryUser... users) {
    DirectoryContent.Builder b = DirectoryContent.builder();
    for (DirectoryUser u : users) {
      b.user(u);
    }
    return b;
  }

  @Test
  void reportsCreatedRenamedSuspendedDeletedUsersAndMembershipChanges() {
    Instant from = clock.advance(Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(1));
    DirectoryUser carol = DirectoryUser.of("u3", "carol@example.com", "Carol", "C");
    DirectoryUser alice2 =
        new DirectoryUser(
            "u1", "alice.new@example.com", "Alice", "A", false, false, null, Map.of());
    f.emulator.setContent(
        content(alice2, BOB.withSuspended(true), carol)
            .group(ENG, DirectoryMember.user(carol))
            .build());
    clock.advance(Duration.ofMinutes(1));
    f.emulator.setContent(content(alice2, carol).group(ENG, DirectoryMember.user(carol)).build());
    Instant to = clock.advance(Duration.ofMinutes(1));

    DirectoryChanges changes = feed().build().changes(from, to);

    assertThat(changes.userKeys())
        .containsExactlyInAnyOrder(
            "alice@example.com", "alice.new@example.com", "bob@example.com", "carol@example.com");
    assertThat(changes.groupKeys()).containsExactly("eng@example.com");
  }

  @Test
  void nothingChangedMeansNoKeys() {
    Instant from = clock.advance(Duration.ofHours(1));
    assertThat(feed().build().changes(from, clock.advance(Duration.ofHours(1))).isEmpty()).isTrue();
  }

  @Test
  void groupRenamesAndEmailChangesNameBothEmails() {
    Instant from = clock.advance(Duration.ofMinutes(10));
    DirectoryGroup renamed =
        new DirectoryGroup("g1", "engineering@example.com", "Engineering", "d");
    f.emulator.setContent(content(ALICE, BOB).group(renamed, DirectoryMember.user(ALICE)).build());
    DirectoryChanges changes = feed().build().changes(from, clock.advance(Duration.ofMinutes(1)));
    assertThat(changes.groupKeys())
        .containsExactlyInAnyOrder("eng@example.com", "engineering@example.com");
    assertThat(changes.userKeys()).isEmpty();
  }

  @Test
  void membershipChangedByAGroupOwnerInGoogleGroupsIsSeenThroughGroupsEnterprise() {
    Instant from = clock.advance(Duration.ofMinutes(10));
    f.emulator.editAsGroupOwner(
        "alice@example.com",
        content(ALICE, BOB)
            .group(ENG, DirectoryMember.user(ALICE), DirectoryMember.user(BOB))
            .build());
    DirectoryChanges changes = feed().build().changes(from, clock.advance(Duration.ofMinutes(1)));
    assertThat(changes.groupKeys()).containsExactly("eng@example.com");
  }

  @Test
  void lateEventsAreHiddenUntilVisibleAndTheOverlapPicksThemUp() {
    Instant run1Start = clock.advance(Duration.ofMinutes(10));
    f.emulator.activityLag(Duration.ofMinutes(3));
    clock.advance(Duration.ofMinutes(1));
    f.emulator.setContent(content(ALICE, BOB.withSuspended(true)).group(ENG).build());
    Instant run2Start = clock.advance(Duration.ofMinutes(1));
    GoogleReportsChangeFeed feed = feed().build();

    // Run 2 reads up to its start: the suspension (1 minute ago, 3 minutes' lag) is not visible.
    assertThat(feed.changes(run1Start, run2Start).isEmpty()).isTrue();

    Instant run3Start = clock.advance(Duration.ofMinutes(10));
    // Run 3 starts where run 2 ended; its 5-minute overlap reaches back to the late events.
    DirectoryChanges late = feed.changes(run2Start, run3Start);
    assertThat(late.userKeys()).containsExactly("bob@example.com");
    assertThat(late.groupKeys()).containsExactly("eng@example.com");
    // Without the overlap they would be lost: this is what it is for.
    assertThat(feed().overlap(Duration.ZERO).build().changes(run2Start, run3Start).isEmpty())
        .isTrue();
  }

  @Test
  void readsEveryPage() {
    Instant from = clock.advance(Duration.ofMinutes(10));
    List<DirectoryUser> many = new ArrayList<>(List.of(ALICE, BOB));
    for (int i = 0; i < 2_345; i++) {
      many.add(DirectoryUser.of("n" + i, "n" + i + "@example.com", "N", "N"));
    }
    f.emulator.setContent(content(many.toArray(DirectoryUser[]::new)).group(ENG).build());
    GoogleReportsChangeFeed feed = feed().build();
    DirectoryChanges changes = feed.changes(from, clock.advance(Duration.ofMinutes(1)));
    assertThat(changes.userKeys()).hasSize(2_345).contains("n0@example.com", "n2344@example.com");
    // admin: 2,345 CREATE_USER + 1 REMOVE_GROUP_MEMBER in 3 pages of 1,000; groups_enterprise: 1.
    assertThat(feed.apiCalls()).containsEntry("google-reports.activities.list", 4L);
  }

  @Test
  void profileEditsThroughUserFieldsNameTheUser() {
    Instant from = clock.advance(Duration.ofMinutes(10));
    f.emulator.userFields("u2", "{\"organizations\": [{\"department\": \"Ops\"}]}");
    f.emulator.userFields("nobody", "{\"organizations\": [{\"department\": \"Ops\"}]}");
    DirectoryChanges changes = feed().build().changes(from, clock.advance(Duration.ofMinutes(1)));
    assertThat(changes.userKeys()).containsExactly("bob@example.com");
  }

  @Test
  void throttledCallsAreRetried() {
    Instant from = clock.advance(Duration.ofMinutes(10));
    f.emulator.setContent(content(ALICE).group(ENG).build());
    f.emulator.throttleAs429(true);
    f.emulator.faults().retryAfterSeconds(0).failNext("activities.list", 2, FaultKind.THROTTLE);
    GoogleReportsChangeFeed feed = feed().build();
    DirectoryChanges changes = feed.changes(from, clock.advance(Duration.ofMinutes(1)));
    assertThat(changes.userKeys()).containsExactly("bob@example.com");
    assertThat(f.emulator.faults().injected()).isEqualTo(2);
    assertThat(feed.apiCalls()).containsEntry("google-reports.activities.list", 4L);
  }

  @Test
  void aWindowOlderThanTheRetentionIsAGap() {
    Instant now = clock.advance(Duration.ofMinutes(1));
    GoogleReportsChangeFeed feed = feed().build();
    assertThatThrownBy(() -> feed.changes(now.minus(Duration.ofDays(181)), now))
        .isInstanceOf(FeedGapException.class)
        .hasMessageContaining("180 days");
    assertThat(f.emulator.calls("activities.list")).isZero();
    // Just inside the retention, with the overlap: read.
    assertThat(feed.changes(now.minus(Duration.ofDays(179)), now).isEmpty()).isTrue();
  }

  @Test
  void directoryWideEventsAreGaps() {
    for (String[] e :
        new String[][] {
          {"ORG_SETTINGS", "EDIT_ORG_UNIT_NAME"},
          {"ORG_SETTINGS", "MOVE_ORG_UNIT"},
          {"DOMAIN_SETTINGS", "ADD_DOMAIN_ALIAS"},
          {"DOMAIN_SETTINGS", "REMOVE_SECONDARY_DOMAIN"},
          {"USER_SETTINGS", "CREATE_USER_SCHEMA"}
        }) {
      Instant from = clock.advance(Duration.ofMinutes(10));
      f.emulator.logAdminEvent(e[0], e[1], Map.of("ORG_UNIT_NAME", "/Eng"));
      Instant to = clock.advance(Duration.ofMinutes(1));
      assertThatThrownBy(() -> feed().overlap(Duration.ZERO).build().changes(from, to))
          .as(e[1])
          .isInstanceOf(FeedGapException.class)
          .hasMessageContaining(e[1]);
    }
  }

  @Test
  void unknownEventsThatNameAUserOrGroupStillMarkIt() {
    Instant from = clock.advance(Duration.ofMinutes(10));
    f.emulator.logAdminEvent(
        "USER_SETTINGS", "SOME_FUTURE_USER_EVENT", Map.of("USER_EMAIL", "bob@example.com"));
    f.emulator.logAdminEvent(
        "GROUP_SETTINGS", "SOME_FUTURE_GROUP_EVENT", Map.of("GROUP_EMAIL", "eng@example.com"));
    f.emulator.logAdminEvent("SECURITY_SETTINGS", "CHANGE_PASSWORD_POLICY", Map.of());
    DirectoryChanges changes = feed().build().changes(from, clock.advance(Duration.ofMinutes(1)));
    assertThat(changes.userKeys()).containsExactly("bob@example.com");
    assertThat(changes.groupKeys()).containsExactly("eng@example.com");
  }

  @Test
  void theBuilderNamesEveryBadSetting() {
    assertThatThrownBy(
            () ->
                GoogleReportsChangeFeed.builder()
                    .overlap(Duration.ofMinutes(-1))
                    .rootUrl("ftp://x")
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("credentials: set one of")
        .hasMessageContaining("overlap \"PT-1M\"")
        .hasMessageContaining("rootUrl \"ftp://x/\"");
  }

  @Test
  void defaultsAreGooglesDocumentedFigures() {
    GoogleReportsChangeFeed feed = feed().overlap(GoogleReportsChangeFeed.DEFAULT_OVERLAP).build();
    assertThat(feed.overlap()).isEqualTo(Duration.ofMinutes(30));
    assertThat(feed.name()).isEqualTo("google-reports");
    assertThat(GoogleReportsChangeFeed.RETENTION).isEqualTo(Duration.ofDays(180));
  }
}
