package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.emulators.loopback.Faults.RetryAfterForm;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.TargetScope;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;

/**
 * Identity Store conflicts of either reason, and the server's wait in each form it can give,
 * through the real AWS SDK and the provider's SCIM client.
 */
class ConflictAndRetryAfterTest {
  private final AwsFixture aws = new AwsFixture();

  @AfterEach
  void stop() {
    aws.close();
  }

  private static Change.CreateUser createUser(String id) {
    String name = id + "@example.com";
    return new Change.CreateUser(
        ObjectRef.pending(id, name),
        new UserAttributes(name, "Given", "Family", "Given Family", name, true, null),
        "test");
  }

  private static Change.CreateGroup createGroup(String name) {
    return new Change.CreateGroup(
        ObjectRef.pending(name, name), new GroupAttributes(name, null, null), List.of(), "test");
  }

  private static ChangeResult one(IdentityCenterTarget target, Change change) {
    return target.apply(List.of(change)).get(0);
  }

  @Test
  void aConcurrentModificationOfAMembershipIsRetriedNotTakenForAnExistingOne() {
    IdentityCenterTarget target = aws.target(WriteMode.IDENTITY_STORE);
    String userId = Objects.requireNonNull(one(target, createUser("ann")).targetId());
    String groupId = Objects.requireNonNull(one(target, createGroup("ops")).targetId());
    aws.emulator
        .identityStoreFaults()
        .failNext("AWSIdentityStore.CreateGroupMembership", 2, FaultKind.CONCURRENT_MODIFICATION);
    ChangeResult add =
        one(
            target,
            new Change.AddMembership(
                ObjectRef.existing(groupId, "ops", "ops"),
                ObjectRef.existing(userId, "ann", "ann@example.com"),
                "test"));
    // Read as "already a member", the change would count as done with no membership made.
    assertThat(add.applied()).isTrue();
    assertThat(aws.emulator.memberships())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.groupId()).isEqualTo(groupId);
              assertThat(m.userId()).isEqualTo(userId);
            });
    assertThat(aws.emulator.identityStoreCalls())
        .containsEntry("AWSIdentityStore.CreateGroupMembership", 3L);
  }

  @Test
  void aConcurrentModificationOfACreateIsRetriedNotTakenForATakenName() {
    IdentityCenterTarget target = aws.target(WriteMode.IDENTITY_STORE);
    aws.emulator
        .identityStoreFaults()
        .failNext("AWSIdentityStore.CreateUser", 1, FaultKind.CONCURRENT_MODIFICATION);
    ChangeResult created = one(target, createUser("bob"));
    assertThat(created.applied()).isTrue();
    assertThat(aws.emulator.users())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.id()).isEqualTo(created.targetId());
              assertThat(u.userName()).isEqualTo("bob@example.com");
            });
    // No look-up of a name holder: nothing was taken.
    assertThat(aws.emulator.identityStoreCalls()).doesNotContainKey("AWSIdentityStore.GetUserId");
  }

  @Test
  void aConcurrentModificationThatDoesNotEndFailsAsRetryableNotAsAConflict() {
    IdentityCenterTarget target = aws.target(WriteMode.IDENTITY_STORE);
    aws.emulator
        .identityStoreFaults()
        .failAlways("AWSIdentityStore.CreateGroup"::equals, FaultKind.CONCURRENT_MODIFICATION);
    ProviderException e = Objects.requireNonNull(one(target, createGroup("ops")).error());
    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("CONCURRENT_MODIFICATION");
    assertThat(aws.emulator.identityStoreCalls())
        .containsEntry("AWSIdentityStore.CreateGroup", (long) AwsFixture.FAST.maxAttempts())
        .doesNotContainKey("AWSIdentityStore.GetGroupId");
    // A uniqueness conflict is still a conflict, and is not retried.
    aws.emulator.identityStoreFaults().clear();
    aws.emulator.createUnmanagedGroup("taken");
    aws.emulator.resetCalls();
    Change.CreateGroup taken =
        new Change.CreateGroup(
            ObjectRef.pending("t", "TAKEN"),
            new GroupAttributes("TAKEN", null, null),
            List.of(),
            "t");
    assertThat(one(target, taken).error())
        .satisfies(c -> assertThat(c.reason()).isEqualTo(Reason.CONFLICT))
        .satisfies(c -> assertThat(c.getMessage()).contains("UNIQUENESS_CONSTRAINT_VIOLATION"));
    assertThat(aws.emulator.identityStoreCalls()).containsEntry("AWSIdentityStore.CreateGroup", 1L);
  }

  /**
   * Where the Identity Store says how long to wait: RetryAfterSeconds in a ThrottlingException or
   * InternalServerException body (API model), or only a Retry-After header on a 503 from the front
   * door, here as an HTTP-date (RFC 9110 §10.2.3).
   */
  @ParameterizedTest
  @CsvSource({
    "AWSIdentityStore.ListUsers, THROTTLE, ABSENT",
    "AWSIdentityStore.ListGroups, SERVER_ERROR, ABSENT",
    "AWSIdentityStore.ListUsers, UNAVAILABLE, HTTP_DATE"
  })
  void theIdentityStoresWaitIsHonoured(String operation, FaultKind fault, RetryAfterForm form) {
    IdentityCenterTarget target = aws.target(WriteMode.IDENTITY_STORE);
    aws.emulator
        .identityStoreFaults()
        .retryAfterSeconds(1)
        .retryAfterForm(form)
        .failNext(operation, 1, fault);
    long start = System.nanoTime();
    target.read(TargetScope.allGroups());
    // The backoff of AwsFixture.FAST is at most 50 ms: only the server's wait explains a second.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(aws.emulator.identityStoreFaults().injected()).isEqualTo(1);
  }

  @Test
  void aRetryAfterDateFromTheScimEndpointIsHonoured() {
    IdentityCenterTarget target = aws.target(WriteMode.SCIM);
    // RFC 9110 §10.2.3: Retry-After may be an HTTP-date; the emulator sends now + 2 s, rounded.
    aws.emulator
        .scimFaults()
        .retryAfterSeconds(1)
        .retryAfterForm(RetryAfterForm.HTTP_DATE)
        .failNext("scim.CreateUser", 1, FaultKind.THROTTLE);
    long start = System.nanoTime();
    Change.CreateUser ann = createUser("ann");
    assertThat(one(target, ann).applied()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(aws.emulator.scimFaults().injected()).isEqualTo(1);
  }

  @Test
  void theSdkOwnRetriesHonourRetryAfterInSeconds() {
    // An embedder's client with the SDK's default retries: the SDK reads Retry-After as whole
    // seconds (RetryableStage) and waits the longer of it and its own backoff (BaseRetryStrategy).
    aws.emulator
        .identityStoreFaults()
        .retryAfterSeconds(1)
        .failNext("AWSIdentityStore.ListUsers", 1, FaultKind.THROTTLE);
    try (IdentitystoreClient sdk =
        IdentitystoreClient.builder()
            .endpointOverride(aws.emulator.identityStoreEndpoint())
            .region(Region.of(aws.emulator.region()))
            .credentialsProvider(AwsFixture.CREDENTIALS)
            .build()) {
      long start = System.nanoTime();
      sdk.listUsers(r -> r.identityStoreId(aws.emulator.identityStoreId()));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
    assertThat(aws.emulator.identityStoreCalls()).containsEntry("AWSIdentityStore.ListUsers", 2L);
  }
}
