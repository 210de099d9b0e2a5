package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.provider.RetryPolicy;
import io.github.ssosync.targets.ChangeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API families given to the target's builder, through the real AWS SDK against an emulator that
 * enforces the quota as the service does: the pace, the counting of every try, and the settings.
 */
class ApiFamilyThroughTheTargetTest {
  private final AwsFixture aws = new AwsFixture();

  @AfterEach
  void stop() {
    aws.close();
  }

  private static List<Change> creates(int n) {
    List<Change> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = "u" + i + "@example.com";
      out.add(
          new Change.CreateUser(
              ObjectRef.pending("u" + i, name),
              new UserAttributes(name, "U", "N" + i, "U N" + i, name, true, null),
              "t"));
    }
    return out;
  }

  private IdentityCenterTarget atQuota(double perSecond) {
    return aws.builder(WriteMode.IDENTITY_STORE)
        .identityStoreApi(
            IdentityCenterTarget.identityStoreApi()
                .requestsPerSecond(perSecond)
                .retryPolicy(RetryPolicy.none())
                .build())
        .build();
  }

  @Test
  void callsArePacedToTheFamilysQuotaAndTheServiceRefusesNone() {
    // One call of slack over the family's quota: on a busy machine a call can reach the emulator
    // later than the limiter's allowance for jitter; the time taken shows the pace.
    aws.emulator.identityStoreFaults().quota(11);
    IdentityCenterTarget target = atQuota(10);
    long start = System.nanoTime();
    List<ChangeResult> results = target.apply(creates(15));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // No retries allowed: a single call over the quota would show as a failure.
    assertThat(results).allMatch(ChangeResult::applied);
    assertThat(aws.emulator.identityStoreFaults().injected()).isZero();
    // 15 calls at 10 a second, spaced a tenth of a second plus the jitter allowance apart.
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(14 * 100));
  }

  @Test
  void theQuotaTestCanFailAFamilyAboveTheQuotaIsRefused() {
    aws.emulator.identityStoreFaults().quota(10);
    IdentityCenterTarget target = atQuota(40);
    List<ChangeResult> results = target.apply(creates(15));
    assertThat(results)
        .filteredOn(r -> !r.applied())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.error().reason()).isEqualTo(Reason.THROTTLED));
  }

  @Test
  void everyTryIsCountedUnderTheFamilysName() {
    aws.emulator
        .identityStoreFaults()
        .retryAfterSeconds(0)
        .failNext("AWSIdentityStore.CreateUser", 2, FaultKind.THROTTLE);
    IdentityCenterTarget target = aws.target(WriteMode.IDENTITY_STORE);
    assertThat(target.apply(creates(3))).allMatch(ChangeResult::applied);
    assertThat(target.apiCalls()).containsEntry("identitystore.CreateUser", 5L);
    assertThat(aws.emulator.identityStoreCalls()).containsEntry("AWSIdentityStore.CreateUser", 5L);
    // The two tries the service throttled are counted apart too, for the throttle metrics.
    assertThat(target.apiThrottles()).isEqualTo(java.util.Map.of("identitystore.CreateUser", 2L));
  }

  @Test
  void aFailureOtherThanThrottlingIsNoThrottle() {
    aws.emulator
        .identityStoreFaults()
        .failNext("AWSIdentityStore.CreateUser", 1, FaultKind.SERVER_ERROR);
    IdentityCenterTarget target = aws.target(WriteMode.IDENTITY_STORE);
    assertThat(target.apply(creates(1))).allMatch(ChangeResult::applied);
    assertThat(target.apiCalls()).containsEntry("identitystore.CreateUser", 2L);
    assertThat(target.apiThrottles()).isEmpty();
  }

  @Test
  void aFamilyGivenToTheWrongSettingIsNamed() {
    assertThatThrownBy(
            () ->
                aws.builder(WriteMode.SCIM)
                    .identityStoreApi(IdentityCenterTarget.scimApi().build())
                    .scimApi(IdentityCenterTarget.identityStoreApi().build())
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "identityStoreApi: the family is named \"scim\", not \"identitystore\"; build it from"
                + " IdentityCenterTarget.identityStoreApi()")
        .hasMessageContaining("scimApi: the family is named \"identitystore\", not \"scim\"");
  }
}
