package io.github.ssosync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.emulators.loopback.FaultKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleDirectorySourceTest {
  @TempDir Path dir;

  private static DirectoryQuery groups(String... queries) {
    return new DirectoryQuery(List.of(), List.of(queries));
  }

  /** One group with {@code n} members, and {@code n} users. */
  private static DirectoryContent oneGroupOf(int n) {
    DirectoryContent.Builder b = DirectoryContent.builder();
    List<DirectoryMember> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      DirectoryUser u = DirectoryUser.of("u" + i, "user" + i + "@example.com", "User", "N" + i);
      b.user(u);
      members.add(DirectoryMember.user(u));
    }
    return b.group(
            DirectoryGroup.of("g1", "aws-big@example.com", "Big"),
            members.toArray(DirectoryMember[]::new))
        .build();
  }

  @Test
  void severalUserQueriesAndTheStarSelectWhatGoogleWould() {
    DirectoryContent content =
        DirectoryContent.builder()
            .user(DirectoryUser.of("1", "ann@example.com", "Ann", "Lee"))
            .user(DirectoryUser.of("2", "bob@example.com", "Bob", "Ray"))
            .user(DirectoryUser.of("3", "cat@example.com", "Cat", "Kim").withArchived(true))
            .build();
    try (GoogleFixture f = new GoogleFixture(content, dir)) {
      GoogleDirectorySource source = f.source();
      DirectorySnapshot two =
          source.read(new DirectoryQuery(List.of("email:ann*", "givenName:Bob"), List.of()));
      assertThat(two.matchedUserIds()).containsExactlyInAnyOrder("1", "2");
      DirectorySnapshot all = source.read(new DirectoryQuery(List.of("*"), List.of()));
      assertThat(all.users()).extracting(DirectoryUser::id).containsExactly("1", "2", "3");
      assertThat(all.users().get(2).archived()).isTrue();
    }
  }

  @Test
  void nestingSeveralLevelsDeepWithACycleReadsEachGroupOnce() {
    DirectoryUser ann = DirectoryUser.of("1", "ann@example.com", "Ann", "Lee");
    DirectoryGroup[] g = new DirectoryGroup[5];
    for (int i = 0; i < 5; i++) {
      g[i] =
          DirectoryGroup.of("g" + i, (i == 0 ? "aws-top" : "level" + i) + "@example.com", "G" + i);
    }
    DirectoryContent.Builder b = DirectoryContent.builder().user(ann);
    for (int i = 0; i < 5; i++) {
      // g0 -> g1 -> g2 -> g3 -> g4 -> g0 (a cycle), ann at the bottom
      b.group(g[i], DirectoryMember.group(g[(i + 1) % 5]));
    }
    b.member("g4", DirectoryMember.user(ann));
    try (GoogleFixture f = new GoogleFixture(b.build(), dir)) {
      DirectorySnapshot s = f.source().read(groups("email:aws-*"));
      assertThat(s.groups()).hasSize(5);
      assertThat(s.users()).extracting(DirectoryUser::id).containsExactly("1");
      assertThat(f.emulator.calls("members.list")).isEqualTo(5);
      assertThat(f.emulator.calls("users.get")).isEqualTo(1); // ann, referenced but not queried
    }
  }

  @Test
  void everyListIsPagedToTheEndAtTheLargestPage() {
    DirectoryContent content =
        SyntheticDirectory.builder().seed(7).users(1203).groups(450).memberships(0).build();
    DirectoryContent withBigGroup =
        new DirectoryContent(
            content.users(),
            content.groups(),
            Map.of(
                content.groups().get(0).id(),
                content.users().subList(0, 450).stream().map(DirectoryMember::user).toList()));
    try (GoogleFixture f = new GoogleFixture(withBigGroup, dir)) {
      DirectorySnapshot s = f.source().read(new DirectoryQuery(List.of("*"), List.of("*")));
      assertThat(s.users()).hasSize(1203);
      assertThat(s.groups()).hasSize(450);
      assertThat(s.members().get(content.groups().get(0).id())).hasSize(450);
      assertThat(f.emulator.calls("users.list")).isEqualTo(3); // 500 + 500 + 203
      assertThat(f.emulator.calls("groups.list")).isEqualTo(3); // 200 + 200 + 50
      assertThat(f.emulator.calls("members.list")).isEqualTo(3 + 449); // the big group in 3 pages
    }
  }

  @Test
  void throttlingIsRetriedUntilItSucceeds() {
    try (GoogleFixture f = new GoogleFixture(oneGroupOf(3), dir)) {
      f.emulator.faults().failNext("groups.list", 2, FaultKind.THROTTLE);
      f.emulator.faults().failNext("members.list", 1, FaultKind.UNAVAILABLE);
      DirectorySnapshot s = f.source().read(groups("*"));
      assertThat(s.members().get("g1")).hasSize(3);
      assertThat(f.emulator.calls("groups.list")).isEqualTo(3);
      assertThat(f.emulator.calls("members.list")).isEqualTo(2);
      GoogleDirectorySource source = f.source();
      f.emulator.throttleAs429(true); // 429 with Retry-After: 1
      f.emulator.faults().failNext("groups.list", 1, FaultKind.THROTTLE);
      long start = System.nanoTime();
      source.read(groups("*"));
      assertThat((System.nanoTime() - start) / 1_000_000)
          .as("waited for Retry-After")
          .isGreaterThanOrEqualTo(1000);
      assertThat(source.apiCalls()).containsEntry("google.groups.list", 2L);
    }
  }

  @Test
  void aMembersPageThatKeepsFailingFailsTheWholeRead() {
    try (GoogleFixture f = new GoogleFixture(oneGroupOf(450), dir)) {
      f.emulator.faults().failAfter("members.list", 1, Integer.MAX_VALUE, FaultKind.UNAVAILABLE);
      GoogleDirectorySource source = f.source();
      assertThatThrownBy(() -> source.read(groups("*")))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                assertThat(e.getMessage())
                    .contains("members.list of group aws-big@example.com")
                    .contains("503");
              });
      assertThat(f.emulator.calls("members.list")).isEqualTo(1 + GoogleFixture.FAST.maxAttempts());
    }
  }

  @Test
  void readingADirectoryMakesExactlyTheCallsTheFormulaGives() {
    DirectoryContent content =
        SyntheticDirectory.builder()
            .seed(3)
            .users(1000)
            .groups(100)
            .memberships(5000)
            .nestedFraction(0)
            .externalFraction(0)
            .build();
    try (GoogleFixture f = new GoogleFixture(content, dir)) {
      f.source().read(new DirectoryQuery(List.of("*"), List.of("*")));
      long memberPages = 0;
      for (List<DirectoryMember> m : content.members().values()) {
        memberPages +=
            Math.max(1, (m.size() + 199) / 200); // an empty group still costs its one call
      }
      long expected = (1000 + 499) / 500 + (100 + 199) / 200 + memberPages;
      assertThat(f.emulator.totalCalls() - f.emulator.calls("token"))
          .isEqualTo(expected)
          .isEqualTo(2 + 1 + 100);
      assertThat(f.emulator.calls("token")).isEqualTo(1); // one access token for the whole read
    }
  }

  @Test
  void badCredentialsFilesAreNamedWithoutAStackTrace() throws Exception {
    try (GoogleFixture f = new GoogleFixture(oneGroupOf(1), dir)) {
      Path missing = dir.resolve("nope.json");
      assertProblem(
          f.builder().serviceAccountKey(missing),
          "serviceAccountKey \"" + missing + "\": file not found");
      Path garbage = Files.writeString(dir.resolve("garbage.json"), "{ not json");
      assertProblem(f.builder().serviceAccountKey(garbage), "is not valid JSON");
      Path user =
          Files.writeString(
              dir.resolve("user.json"), "{\"type\":\"authorized_user\",\"client_id\":\"x\"}");
      assertProblem(
          f.builder().serviceAccountKey(user),
          "is a authorized_user credential; reading the directory as an admin (domain-wide delegation) needs a service_account key");
      assertProblem(
          GoogleDirectorySource.builder().serviceAccountKey(f.keyFile),
          "delegatedAdmin: required with a service-account key");
      assertProblem(GoogleDirectorySource.builder(), "credentials: set one of");
      assertProblem(
          f.builder().customerId("C1").domain("example.com"),
          "customerId and domain: set one, not both");
    }
  }

  @Test
  void refusedDelegationABadQueryAndAnUnknownDomainAreClearErrors() {
    try (GoogleFixture f = new GoogleFixture(oneGroupOf(1), dir)) {
      f.emulator.refuseDelegation(true);
      assertThatThrownBy(() -> f.source().read(groups("*")))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.PERMISSION_DENIED);
                assertThat(e.getMessage())
                    .contains("Check domain-wide delegation")
                    .doesNotContain("PRIVATE KEY");
              });
      f.emulator.refuseDelegation(false);
      assertThatThrownBy(() -> f.source().read(groups("nickname:x")))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.INVALID);
                assertThat(e.getMessage())
                    .contains("groups.list query 'nickname:x'")
                    .contains("nickname is not a field of groups.list queries");
              });
      assertThatThrownBy(() -> f.builder().domain("other.org").build().read(groups("*")))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.getMessage()).contains("Domain not found"));
      assertThatThrownBy(() -> f.builder().customerId("C999").build().read(groups("*")))
          .isInstanceOfSatisfying(
              ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
    }
  }

  private static void assertProblem(GoogleDirectorySource.Builder builder, String expected) {
    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(expected)));
  }
}
