package io.github.ssosync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.DirectoryWarning;
import io.github.ssosync.directory.MemberRole;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.emulators.DirectoryContent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members Google will not show: a user or group of another organisation answers 403 "Not Authorized
 * to access this resource/api", not 404 (slashdevops/idp-scim-sync#49). Such a member is skipped
 * with a warning; every other 403 still fails the read.
 */
class ForeignMembersTest {
  @TempDir Path dir;

  private static final DirectoryUser ANN = DirectoryUser.of("1", "ann@example.com", "Ann", "Lee");
  private static final DirectoryGroup ADMINS =
      DirectoryGroup.of("g1", "aws-admins@example.com", "AWS Admins");

  private static DirectoryMember user(String id, String email) {
    return new DirectoryMember(id, email, MemberType.USER, MemberRole.MEMBER);
  }

  private static DirectoryMember group(String id, String email) {
    return new DirectoryMember(id, email, MemberType.GROUP, MemberRole.MEMBER);
  }

  private static DirectoryQuery groups(String q) {
    return new DirectoryQuery(List.of(), List.of(q));
  }

  @Test
  void aUserAndANestedGroupOfAnotherOrganisationAreSkippedWithAWarningNamingThem() {
    DirectoryContent content =
        DirectoryContent.builder()
            .user(ANN)
            .group(
                ADMINS,
                DirectoryMember.user(ANN),
                user("f1", "guest@partner.org"),
                group("fg", "team@partner.org"))
            .build();
    try (GoogleFixture f = new GoogleFixture(content, dir)) {
      f.emulator.foreignUser("f1", "guest@partner.org").foreignGroup("fg", "team@partner.org");
      DirectorySnapshot s = f.source().read(groups("email:aws-*"));
      assertThat(s.users()).extracting(DirectoryUser::id).containsExactly("1");
      assertThat(s.members().keySet()).containsExactly("g1");
      assertThat(s.groups()).extracting(DirectoryGroup::id).containsExactly("g1");
      assertThat(s.warnings())
          .extracting(DirectoryWarning::subject)
          .containsExactlyInAnyOrder("guest@partner.org", "team@partner.org");
      assertThat(s.warnings())
          .allSatisfy(w -> assertThat(w.message()).contains("another organisation", "403"));
      // ann (referenced, not queried) and the guest; the foreign group's members.list once
      assertThat(f.emulator.calls("users.get")).isEqualTo(2);
      assertThat(f.emulator.calls("members.list")).isEqualTo(2);
    }
  }

  @Test
  void manyForeignMembersFoundMissingFromTheWholeUserListAreNamedToo() {
    DirectoryContent.Builder b = DirectoryContent.builder().user(ANN);
    List<DirectoryMember> members = new java.util.ArrayList<>(List.of(DirectoryMember.user(ANN)));
    for (int i = 0; i < 12; i++) {
      members.add(user("f" + i, "guest" + i + "@partner.org"));
    }
    members.add(user("gone", "gone@example.com")); // deleted since: the planner reports it
    DirectoryContent content = b.group(ADMINS, members.toArray(DirectoryMember[]::new)).build();
    try (GoogleFixture f = new GoogleFixture(content, dir)) {
      DirectorySnapshot s = f.source().read(groups("email:aws-*"));
      assertThat(s.users()).extracting(DirectoryUser::id).containsExactly("1");
      assertThat(s.warnings()).hasSize(12);
      assertThat(s.warnings())
          .allSatisfy(w -> assertThat(w.subject()).endsWith("@partner.org"))
          .allSatisfy(w -> assertThat(w.message()).contains("another organisation"));
      assertThat(f.emulator.calls("users.get")).isZero(); // more than 10: one list instead
      assertThat(f.emulator.calls("users.list")).isEqualTo(1);
    }
  }

  @Test
  void a403OnAUserOfOurOwnDomainIsAMissingPrivilegeAndFailsTheRead() {
    // The admin may not see this user (a delegated admin limited to some org units): Google says
    // 403 as for a foreign user, but the address is ours, so skipping it would drop our own user.
    DirectoryContent content =
        DirectoryContent.builder()
            .user(ANN)
            .group(ADMINS, DirectoryMember.user(ANN), user("9", "hidden@example.com"))
            .build();
    try (GoogleFixture f = new GoogleFixture(content, dir)) {
      f.emulator.foreignUser("9", "hidden@example.com");
      assertThatThrownBy(() -> f.source().read(groups("email:aws-*")))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED);
                assertThat(e.getMessage()).contains("users.get 9", "403");
              });
    }
  }

  @Test
  void a403OnAMatchedGroupOrOnANestedGroupOfOurDomainFailsTheRead() {
    DirectoryGroup partner = DirectoryGroup.of("g2", "aws-partner@partner.org", "Partner");
    DirectoryGroup inner = DirectoryGroup.of("g3", "inner@example.com", "Inner");
    DirectoryContent content =
        DirectoryContent.builder()
            .user(ANN)
            .group(ADMINS, DirectoryMember.user(ANN), DirectoryMember.group(inner))
            .group(inner)
            .group(partner, DirectoryMember.user(ANN))
            .build();
    try (GoogleFixture f = new GoogleFixture(content, dir)) {
      // groups.list returned it, so it is ours whatever its domain: its 403 is a privilege
      f.emulator.foreignGroup("g2", "aws-partner@partner.org");
      assertThatThrownBy(() -> f.source().read(groups("email:aws-partner*")))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.getMessage()).contains("members.list of group aws-partner@"));
    }
    try (GoogleFixture f = new GoogleFixture(content, dir)) {
      f.emulator.foreignGroup("g3", "inner@example.com"); // nested, but at our domain
      assertThatThrownBy(() -> f.source().read(groups("email:aws-admins*")))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.getMessage()).contains("members.list of group inner@example.com"));
    }
  }

  @Test
  void aThrottled403IsStillRetried() {
    DirectoryContent content =
        DirectoryContent.builder()
            .user(ANN)
            .group(ADMINS, DirectoryMember.user(ANN), user("f1", "guest@partner.org"))
            .build();
    try (GoogleFixture f = new GoogleFixture(content, dir)) {
      f.emulator.foreignUser("f1", "guest@partner.org");
      // 403 userRateLimitExceeded on the users.get of the foreign member: retried, then its 403
      // forbidden is read as another organisation's
      f.emulator
          .faults()
          .failNext("users.get", 2, io.github.ssosync.emulators.loopback.FaultKind.THROTTLE);
      DirectorySnapshot s = f.source().read(groups("email:aws-*"));
      assertThat(s.warnings())
          .extracting(DirectoryWarning::subject)
          .containsExactly("guest@partner.org");
      assertThat(f.emulator.calls("users.get")).isEqualTo(2 + 2); // two throttled tries
      assertThat(f.emulator.faults().injected()).isEqualTo(2);
    }
  }

  @Test
  void aQueryGoogleWouldRefuseFailsBeforeAnyCall() {
    try (GoogleFixture f = new GoogleFixture(DirectoryContent.builder().user(ANN).build(), dir)) {
      assertThatThrownBy(() -> f.source().read(new DirectoryQuery(List.of("name:Ann*"), List.of())))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.INVALID);
                assertThat(e.getMessage())
                    .contains("users.list query 'name:Ann*'", "clause 'name:Ann*'");
              });
      assertThatThrownBy(() -> f.source().read(groups("memberKey=ann@example.com name:A*")))
          .hasMessageContaining("memberKey cannot be combined with email or name");
      assertThat(f.emulator.totalCalls()).isZero();
    }
  }
}
