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
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.provider.ApiFamily;
import io.github.ssosync.provider.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Directory API family given to the source's builder, through the real Google client against an
 * emulator that enforces the quota as the service does.
 */
class DirectoryApiFamilyTest {
  private static final DirectoryQuery GROUPS =
      new DirectoryQuery(List.of(), List.of("email:aws-*"));

  @TempDir Path dir;

  /** Eight groups of one member each: one groups.list, eight members.list, the users' reads. */
  private static DirectoryContent eightGroups() {
    DirectoryContent.Builder b = DirectoryContent.builder();
    for (int i = 0; i < 8; i++) {
      DirectoryUser u = DirectoryUser.of("u" + i, "user" + i + "@example.com", "User", "N" + i);
      b.user(u)
          .group(
              DirectoryGroup.of("g" + i, "aws-g" + i + "@example.com", "G" + i),
              DirectoryMember.user(u));
    }
    return b.build();
  }

  private static GoogleDirectorySource atQuota(GoogleFixture f, double perSecond) {
    return f.builder()
        .directoryApi(
            GoogleDirectorySource.directoryApi()
                .requestsPerSecond(perSecond)
                .retryPolicy(RetryPolicy.none())
                .build())
        .build();
  }

  @Test
  void readsArePacedToTheFamilysQuotaAndTheServiceRefusesNone() {
    try (GoogleFixture f = new GoogleFixture(eightGroups(), dir)) {
      GoogleDirectorySource source = atQuota(f, 8);
      // A first read fetches the access token, which the quota does not pace; the second is timed.
      source.read(GROUPS);
      long before = source.apiCalls().values().stream().mapToLong(Long::longValue).sum();
      // One call of slack over the family's quota: on a busy machine a thread can reach the
      // emulator later than the limiter's allowance for jitter; the time taken shows the pace.
      f.emulator.faults().quota(9);
      long start = System.nanoTime();
      DirectorySnapshot s = source.read(GROUPS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(s.groups()).hasSize(8);
      assertThat(f.emulator.faults().injected()).isZero();
      long calls = source.apiCalls().values().stream().mapToLong(Long::longValue).sum() - before;
      assertThat(calls).isGreaterThanOrEqualTo(9);
      // Calls at 8 a second: an eighth of a second at least between one and the next.
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis((calls - 1) * 125));
    }
  }

  @Test
  void theQuotaTestCanFailASourceAboveTheQuotaIsRefused() {
    try (GoogleFixture f = new GoogleFixture(eightGroups(), dir)) {
      f.emulator.faults().quota(3);
      GoogleDirectorySource source = atQuota(f, 100);
      assertThatThrownBy(() -> source.read(GROUPS))
          .isInstanceOfSatisfying(
              ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.THROTTLED));
    }
  }

  @Test
  void everyTryIsCountedUnderTheFamilysName() {
    try (GoogleFixture f = new GoogleFixture(eightGroups(), dir)) {
      f.emulator.faults().retryAfterSeconds(0).failNext("groups.list", 2, FaultKind.THROTTLE);
      GoogleDirectorySource source = f.source();
      source.read(GROUPS);
      assertThat(source.apiCalls())
          .containsEntry("google.groups.list", 3L)
          .containsEntry("google.members.list", 8L);
      assertThat(f.emulator.calls("groups.list")).isEqualTo(3);
    }
  }

  @Test
  void aFamilyOfAnotherApiIsRefusedByName() {
    try (GoogleFixture f = new GoogleFixture(eightGroups(), dir)) {
      ApiFamily scim = ApiFamily.builder("scim").requestsPerSecond(20).build();
      assertThatThrownBy(() -> f.builder().directoryApi(scim).build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining(
              "directoryApi: the family is named \"scim\", not \"google\"; build it from"
                  + " GoogleDirectorySource.directoryApi()");
    }
  }
}
