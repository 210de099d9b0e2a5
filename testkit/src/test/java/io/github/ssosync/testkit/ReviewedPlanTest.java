package io.github.ssosync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.InMemoryIdentityTarget;
import io.github.ssosync.engine.ChangeOutcome;
import io.github.ssosync.engine.StalePlanException;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.format.PlanFormat;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A plan reviewed as JSON and applied later is applied exactly, or refused before anything is
 * written when it is too old or the target changed since.
 */
class ReviewedPlanTest {
  private static final Instant PLANNED = Instant.parse("2026-11-22T12:00:00Z");
  private static final String ISSUER = InMemoryIdentityTarget.DEFAULT_ISSUER;
  private final DirectoryUser ann = DirectoryUser.of("ann", "ann@example.com", "Ann", "Lee");
  private final DirectoryUser bob = DirectoryUser.of("bob", "bob@example.com", "Bob", "Ray");
  private final DirectoryGroup admins = DirectoryGroup.of("g1", "aws-admins@example.com", "Admins");
  private final InMemoryIdentityTarget target =
      InMemoryIdentityTarget.builder().clock(Clock.fixed(PLANNED, ZoneOffset.UTC)).build();

  private SyncEngine engine(Instant now) {
    DirectorySnapshot dir =
        new DirectorySnapshot(
            List.of(ann, bob),
            List.of(admins),
            Map.of(admins.id(), List.of(DirectoryMember.user(ann), DirectoryMember.user(bob))),
            Set.of(),
            Set.of(admins.id()));
    return SyncEngine.builder()
        .source(query -> dir)
        .target(target)
        .policy(SyncPolicy.builder().groupMatch("*").build())
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .build();
  }

  /** The target already has ann and the group (ours); the plan creates bob and adds both. */
  private String reviewedPlan() {
    target.putUser(
        new TargetUser(
            "t-ann",
            "ann@example.com",
            "Ann Lee",
            "Ann",
            "Lee",
            "ann@example.com",
            true,
            List.of(new ExternalId(ISSUER, "ann")),
            PLANNED));
    target.putGroup(
        new TargetGroup(
            "t-admins", "aws-admins@example.com", null, List.of(new ExternalId(ISSUER, "g1"))));
    SyncPlan plan = engine(PLANNED).plan();
    assertThat(plan.targetFingerprint()).startsWith("sha256:");
    assertThat(plan.changes()).hasSize(3);
    return PlanFormat.json(plan);
  }

  @Test
  void aReviewedPlanReadBackFromJsonIsAppliedExactly() {
    String json = reviewedPlan();
    SyncPlan plan = PlanFormat.read(json);
    SyncReport report =
        engine(PLANNED.plus(Duration.ofMinutes(30))).applyReviewed(plan, Duration.ofHours(1));
    assertThat(report.status()).isEqualTo(SyncReport.Status.COMPLETED);
    assertThat(report.outcomes())
        .extracting(ChangeOutcome::change)
        .containsExactlyElementsOf(plan.changes());
    assertThat(target.snapshot().memberships()).hasSize(2);
    assertThat(engine(PLANNED).plan().changes()).isEmpty();
  }

  @Test
  void aPlanIsRefusedAndNothingWrittenWhenAUserChangedSince() {
    SyncPlan plan = PlanFormat.read(reviewedPlan());
    // Someone renames ann by hand after the review.
    TargetUser ann = target.snapshot().users().get(0);
    target.putUser(
        new TargetUser(
            ann.id(),
            ann.userName(),
            "Ann Renamed",
            ann.givenName(),
            ann.familyName(),
            ann.email(),
            true,
            ann.externalIds(),
            PLANNED));
    TargetSnapshot before = target.snapshot();
    assertThatThrownBy(() -> engine(PLANNED).applyReviewed(plan, Duration.ofHours(1)))
        .isInstanceOf(StalePlanException.class)
        .hasMessageContaining("the target changed since the plan was made")
        .hasMessageContaining("nothing was written");
    assertThat(target.snapshot()).isEqualTo(before);
  }

  @Test
  void aPlanIsRefusedWhenAMembershipOfAGroupItChangesWasAddedSince() {
    SyncPlan plan = PlanFormat.read(reviewedPlan());
    target.addMembership("t-admins", "t-ann");
    TargetSnapshot before = target.snapshot();
    assertThatThrownBy(() -> engine(PLANNED).applyReviewed(plan, Duration.ofHours(1)))
        .isInstanceOf(StalePlanException.class)
        .hasMessageContaining("fingerprint");
    assertThat(target.snapshot()).isEqualTo(before);
    assertThat(target.apiCalls()).doesNotContainKeys("memory.CreateUser", "memory.AddMembership");
  }

  @Test
  void aPlanOlderThanTheLimitIsRefusedNamingTheFlag() {
    SyncPlan plan = PlanFormat.read(reviewedPlan());
    TargetSnapshot before = target.snapshot();
    assertThatThrownBy(
            () ->
                engine(PLANNED.plus(Duration.ofMinutes(61)))
                    .applyReviewed(plan, Duration.ofHours(1)))
        .isInstanceOf(StalePlanException.class)
        .hasMessageContaining("61m ago")
        .hasMessageContaining("--max-plan-age");
    assertThat(target.snapshot()).isEqualTo(before);
    // Exactly at the limit it is still young enough.
    assertThat(
            engine(PLANNED.plus(Duration.ofHours(1)))
                .applyReviewed(plan, Duration.ofHours(1))
                .status())
        .isEqualTo(SyncReport.Status.COMPLETED);
  }

  @Test
  void aPlanWithoutAFingerprintIsRefused() {
    SyncPlan plan = PlanFormat.read(reviewedPlan()).withTargetFingerprint(null);
    assertThatThrownBy(() -> engine(PLANNED).applyReviewed(plan, Duration.ofHours(1)))
        .isInstanceOf(StalePlanException.class)
        .hasMessageContaining("no target fingerprint");
  }
}
