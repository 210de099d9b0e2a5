package io.github.ssosync.reliability;

import static io.github.ssosync.reliability.Directories.READS;
import static io.github.ssosync.reliability.Directories.WRITES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ProviderException;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.engine.ChangeOutcome;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.WriteMode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whole syncs under faults on every API, through the real Google client and AWS SDK. Each starts
 * from a store in step with the directory, changes the directory (renames, joins, leaves,
 * suspensions, new hires), and syncs under the fault. Each checks that the faulty run planned
 * exactly what a fault-free run plans (a fault never turns into a change), that its report is
 * exact, that it removed nothing it did not plan to, and that a fault-free run afterwards converges
 * to the reference.
 */
@Timeout(120)
class FaultToleranceTest {
  private static final SyncPolicy POLICY = Directories.unguarded();

  /** Runs the scenario: in-step store, churned directory, one sync under the faults, checks. */
  private static SyncReport underFaults(Rig rig, Consumer<Rig> faults) {
    assertThat(rig.sync(POLICY).failures()).as("initial fault-free sync").isEmpty();
    rig.directory(SyntheticDirectory.churn(rig.google.content(), 0.1, 3));
    SyncPlan faultFree = rig.plan(POLICY);
    assertThat(faultFree.changes())
        .as("the churn gives the faulty run work")
        .hasSizeGreaterThan(20);
    StoreView before = rig.store();
    faults.accept(rig);
    SyncReport report = rig.sync(POLICY);
    rig.clearFaults();
    assertThat(report.plan().changes())
        .as("what the faulty run planned")
        .isEqualTo(faultFree.changes());
    Audit.assertReportExact(report, rig.aws);
    Audit.assertOnlyPlannedRemovals(before, rig.store(), report);
    rig.assertConverges(POLICY);
    return report;
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void thirtyPercentOfCallsThrottledOnEveryFamilyAtOnce(WriteMode mode) {
    try (Rig rig = new Rig(Directories.small(), mode)) {
      SyncReport report = underFaults(rig, r -> r.allFaults(f -> f.throttle(0.3, 42)));
      assertThat(report.status()).isEqualTo(SyncReport.Status.COMPLETED);
      assertThat(rig.google.faults().injected()).as("Google throttled").isPositive();
      assertThat(rig.aws.identityStoreFaults().injected())
          .as("Identity Store throttled")
          .isPositive();
      if (mode == WriteMode.SCIM) {
        assertThat(rig.aws.scimFaults().injected()).as("SCIM throttled").isPositive();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void burstsOf500And503OnReadsAndWritesAreRetried(WriteMode mode) {
    try (Rig rig = new Rig(Directories.small(), mode)) {
      SyncReport report =
          underFaults(
              rig,
              r ->
                  r.allFaults(
                      f ->
                          f.failNext(READS, 4, FaultKind.SERVER_ERROR)
                              .failNext(READS, 3, FaultKind.UNAVAILABLE)
                              .failNext(WRITES, 4, FaultKind.UNAVAILABLE)
                              .failNext(WRITES, 3, FaultKind.SERVER_ERROR)));
      assertThat(report.status()).isEqualTo(SyncReport.Status.COMPLETED);
      assertThat(rig.google.faults().injected()).isEqualTo(7);
      assertThat(rig.awsFaultsInjected()).as("AWS faults injected").isGreaterThanOrEqualTo(14);
    }
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void connectionsResetBeforeAndDuringResponses(WriteMode mode) {
    try (Rig rig = new Rig(Directories.small(), mode)) {
      // A truncated write took effect on the server; the client must find that out, not
      // duplicate or fail it.
      SyncReport report =
          underFaults(
              rig,
              r ->
                  r.allFaults(
                      f ->
                          f.failNext(READS, 2, FaultKind.RESET)
                              .failNext(READS, 2, FaultKind.TRUNCATED)
                              .failNext(WRITES, 2, FaultKind.RESET)
                              .failNext(WRITES, 4, FaultKind.TRUNCATED)));
      assertThat(report.status()).isEqualTo(SyncReport.Status.COMPLETED);
      // Every fault was served: reads on each API, and all six on writes.
      assertThat(rig.google.faults().injected()).isEqualTo(4);
      assertThat(rig.awsFaultsInjected()).isGreaterThanOrEqualTo(4 + 6);
    }
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void responsesSlowerThanTheReadTimeoutOrStalledHalfWayAreRetried(WriteMode mode) {
    try (Rig rig = new Rig(Directories.small(), mode)) {
      Duration slow = Rig.READ_TIMEOUT.multipliedBy(2);
      SyncReport report =
          underFaults(
              rig,
              r ->
                  r.allFaults(
                      f ->
                          f.slowDelay(slow)
                              .failNext(READS, 1, FaultKind.SLOW)
                              .failNext(READS, 1, FaultKind.STALLED)
                              .failNext(WRITES, 2, FaultKind.SLOW)
                              .failNext(WRITES, 2, FaultKind.STALLED)));
      assertThat(report.status()).isEqualTo(SyncReport.Status.COMPLETED);
      assertThat(rig.google.faults().injected()).isEqualTo(2);
      assertThat(rig.awsFaultsInjected()).isGreaterThanOrEqualTo(2 + 4);
    }
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void aRunPastItsDeadlineWhileReadingWritesNothing(WriteMode mode) {
    try (Rig rig = new Rig(Directories.small(), mode)) {
      rig.sync(POLICY);
      rig.directory(SyntheticDirectory.churn(rig.google.content(), 0.1, 3));
      StoreView before = rig.store();
      rig.google
          .faults()
          .slowDelay(Duration.ofSeconds(5))
          .failAlways(op -> op.equals("members.list"), FaultKind.SLOW);
      rig.aws.resetCalls();
      assertThatThrownBy(
              () -> rig.run(POLICY, b -> b.deadline(Duration.ofSeconds(2)), SyncEngine::sync))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("deadline")
          .hasMessageContaining("nothing was written");
      assertThat(rig.writeCalls()).isZero();
      StoreView.assertSame(rig.store(), before);
      rig.assertConverges(POLICY);
    }
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void aMembersPageFailingAfterItsRetriesMidListingWritesNothing(WriteMode mode) {
    try (Rig rig = new Rig(Directories.small(), mode)) {
      rig.sync(POLICY);
      // Everyone leaves but the first few groups' members: a partial read would delete them all.
      rig.directory(SyntheticDirectory.churn(rig.google.content(), 0.1, 3));
      StoreView before = rig.store();
      rig.aws.resetCalls();
      rig.google.faults().failAfter("members.list", 3, Integer.MAX_VALUE, FaultKind.SERVER_ERROR);
      assertThatThrownBy(() -> rig.sync(POLICY))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("members");
      assertThat(rig.google.calls("members.list")).as("the listing was under way").isGreaterThan(3);
      assertThat(rig.writeCalls()).isZero();
      StoreView.assertSame(rig.store(), before);
      rig.assertConverges(POLICY);
    }
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void oneKindOfChangeFailingDoesNotAbortTheOthers(WriteMode mode) {
    try (Rig rig = new Rig(Directories.small(), mode)) {
      String createUser =
          mode == WriteMode.SCIM ? "scim.CreateUser" : "AWSIdentityStore.CreateUser";
      SyncReport report =
          underFaults(
              rig, r -> r.allFaults(f -> f.failAlways(createUser::equals, FaultKind.SERVER_ERROR)));
      assertThat(report.status()).isEqualTo(SyncReport.Status.COMPLETED_WITH_FAILURES);
      Set<String> newUsers = new HashSet<>();
      for (ChangeOutcome o : report.outcomes()) {
        Change c = o.change();
        if (c.kind() == ChangeKind.CREATE_USER) {
          assertThat(o.status()).isEqualTo(ChangeOutcome.Status.FAILED);
          assertThat(o.reason()).isEqualTo(ProviderException.Reason.UNAVAILABLE);
          newUsers.add(c.subject().name());
        }
      }
      assertThat(newUsers).as("the churn hired people").isNotEmpty();
      for (ChangeOutcome o : report.outcomes()) {
        boolean dependsOnANewUser =
            o.change() instanceof Change.AddMembership a && newUsers.contains(a.user().name());
        if (o.change().kind() != ChangeKind.CREATE_USER) {
          assertThat(o.status())
              .as("%s", o.change())
              .isEqualTo(
                  dependsOnANewUser ? ChangeOutcome.Status.SKIPPED : ChangeOutcome.Status.APPLIED);
        }
      }
    }
  }
}
