package io.github.ssosync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.ProviderException;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.engine.ChangeOutcome;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Someone else writes to the store while a sync runs: between its read and its writes, or a second
 * sync at the same time. Nothing is duplicated, nothing is lost, the report says what happened, and
 * the next run settles.
 */
@Timeout(120)
class ConcurrentChangesTest {
  private static final SyncPolicy POLICY =
      Directories.unguarded().toBuilder().gracePeriod(Duration.ZERO).build();

  /** The new group's name in AWS: its email, as ssosync names groups. */
  private static final String NEW_GROUP = "aws-incident@example.com";

  private static final String NEW_GROUP_ID = "0incident";

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void theStoreChangesBetweenTheReadAndTheWrites(WriteMode mode) {
    try (Rig rig = new Rig(Directories.small(), mode)) {
      assertThat(rig.sync(POLICY).failures()).isEmpty();
      rig.directory(withNewGroupAndALeaver(SyntheticDirectory.churn(rig.google.content(), 0.1, 3)));
      boolean scim = mode == WriteMode.SCIM;
      Change[] touched = new Change[2];

      SyncReport report =
          rig.run(
              POLICY,
              b -> {},
              engine -> {
                SyncPlan plan = engine.plan();
                // Someone deletes a renamed user who is not in the new group, so that the
                // group's own conflict is what its create meets.
                Set<String> newGroupMembers = new HashSet<>();
                rig.google
                    .content()
                    .members()
                    .get(NEW_GROUP_ID)
                    .forEach(m -> newGroupMembers.add(m.email()));
                Change renamed =
                    first(
                        plan,
                        c ->
                            c.kind() == ChangeKind.UPDATE_USER
                                && !newGroupMembers.contains(c.subject().name()));
                Change hired = first(plan, c -> c.kind() == ChangeKind.CREATE_USER);
                Change join =
                    first(
                        plan,
                        c ->
                            c instanceof Change.AddMembership a
                                && a.group().targetId() != null
                                && a.user().targetId() != null
                                && !a.user().name().equals(renamed.subject().name()));
                touched[0] = renamed;
                touched[1] = hired;
                // Someone else, between our read and our writes:
                rig.aws.deleteUserDirectly(renamed.subject().requireTargetId());
                rig.aws.createUnmanagedUser(hired.subject().name(), "Someone", "Else");
                rig.aws.createUnmanagedGroup(NEW_GROUP);
                Change.AddMembership a = (Change.AddMembership) join;
                rig.aws.addMembershipDirectly(
                    a.group().requireTargetId(), a.user().requireTargetId());
                if (scim) {
                  Change leaver = first(plan, c -> c.kind() == ChangeKind.DELETE_USER);
                  rig.aws.deleteUserDirectly(leaver.subject().requireTargetId());
                }
                return engine.apply(plan);
              });

      Audit.assertReportExact(report, rig.aws);
      Map<ChangeKind, List<ChangeOutcome>> byKind = new LinkedHashMap<>();
      report
          .outcomes()
          .forEach(o -> byKind.computeIfAbsent(o.change().kind(), k -> new ArrayList<>()).add(o));
      // The user deleted by someone else: its update fails, and says why.
      ChangeOutcome update = outcomeOf(report, touched[0]);
      assertThat(update.status()).isEqualTo(ChangeOutcome.Status.FAILED);
      assertThat(update.reason()).isEqualTo(ProviderException.Reason.NOT_FOUND);
      assertThat(update.message()).contains(update.change().subject().name());
      // The membership someone else added: done, once.
      for (ChangeOutcome o : byKind.get(ChangeKind.ADD_MEMBERSHIP)) {
        if (!dependsOn(o.change(), update)) {
          assertThat(o.status()).as("%s", o.change()).isNotEqualTo(ChangeOutcome.Status.FAILED);
        }
      }
      assertThat(rig.aws.memberships()).doesNotHaveDuplicates();
      // The user and the group someone else made with our names: a conflict where objects are
      // tied by anchor (SCIM), the same object where they are tied by name (Identity Store).
      ChangeOutcome hired = outcomeOf(report, touched[1]);
      ChangeOutcome group =
          report.outcomes().stream()
              .filter(o -> o.change().kind() == ChangeKind.CREATE_GROUP)
              .filter(o -> o.change().subject().name().equals(NEW_GROUP))
              .findFirst()
              .orElseThrow();
      if (scim) {
        for (ChangeOutcome o : List.of(hired, group)) {
          assertThat(o.status()).isEqualTo(ChangeOutcome.Status.FAILED);
          assertThat(o.reason()).isEqualTo(ProviderException.Reason.CONFLICT);
          assertThat(o.message()).contains("not ours");
        }
        // The user someone else deleted before we did: deleted is deleted.
        assertThat(outcomeOf(report, ChangeKind.DELETE_USER).status())
            .isEqualTo(ChangeOutcome.Status.APPLIED);
      } else {
        assertThat(hired.status()).isEqualTo(ChangeOutcome.Status.APPLIED);
        assertThat(group.status()).isEqualTo(ChangeOutcome.Status.APPLIED);
      }
      // Everything else went through.
      for (ChangeOutcome o : report.outcomes()) {
        if (o.status() != ChangeOutcome.Status.APPLIED && o != update && o != hired && o != group) {
          // Only changes that needed one of those objects: skipped, or (for the deleted user)
          // refused as not found.
          assertThat(dependsOn(o.change(), update, hired, group)).as("%s", o.change()).isTrue();
          if (o.status() == ChangeOutcome.Status.FAILED) {
            assertThat(dependsOn(o.change(), update)).as("%s", o.change()).isTrue();
            assertThat(o.reason()).isEqualTo(ProviderException.Reason.NOT_FOUND);
          }
        }
      }

      // The next run settles: the deleted user is back, the hand-made objects (SCIM) untouched.
      List<TargetUser> handMadeUsers =
          rig.aws.users().stream().filter(u -> u.externalIds().isEmpty()).toList();
      List<TargetGroup> handMadeGroups =
          rig.aws.groups().stream().filter(g -> g.externalIds().isEmpty()).toList();
      SyncReport next = rig.sync(POLICY);
      assertThat(next.failures()).isEmpty();
      assertThat(rig.plan(POLICY).changes()).isEmpty();
      assertThat(rig.store().user(update.change().subject().name())).isNotNull();
      if (scim) {
        assertThat(rig.aws.users()).containsAll(handMadeUsers);
        assertThat(rig.aws.groups()).containsAll(handMadeGroups);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void twoSyncsAtOnceMakeNoDuplicatesAndLoseNoMemberships(WriteMode mode) throws Exception {
    try (Rig rig = new Rig(Directories.small(), mode)) {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<SyncReport>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return rig.sync(POLICY);
                }));
      }
      start.countDown();
      for (CompletableFuture<SyncReport> run : runs) {
        SyncReport report = run.get();
        Audit.assertReportExact(report, rig.aws);
        assertThat(report.failures()).as("failures of a concurrent run").isEmpty();
      }
      StoreView.assertSame(rig.store(), rig.reference(POLICY, t -> {}));
      assertThat(rig.plan(POLICY).changes()).isEmpty();
    }
  }

  /** A new selected group with a few members, and one user removed from every group. */
  private static DirectoryContent withNewGroupAndALeaver(DirectoryContent content) {
    DirectoryGroup incident = DirectoryGroup.of(NEW_GROUP_ID, NEW_GROUP, "Incident Response");
    List<DirectoryGroup> groups = new ArrayList<>(content.groups());
    groups.add(incident);
    String leaver = content.users().get(0).id();
    Map<String, List<DirectoryMember>> members = new LinkedHashMap<>();
    content
        .members()
        .forEach(
            (g, list) ->
                members.put(g, list.stream().filter(m -> !m.id().equals(leaver)).toList()));
    members.put(
        incident.id(), content.users().subList(1, 6).stream().map(DirectoryMember::user).toList());
    return new DirectoryContent(content.users(), groups, members);
  }

  private static Change first(SyncPlan plan, Predicate<Change> which) {
    return plan.changes().stream()
        .filter(which)
        .findFirst()
        .orElseThrow(() -> new AssertionError("the plan lacks a change this scenario needs"));
  }

  private static ChangeOutcome outcomeOf(SyncReport report, ChangeKind kind) {
    return report.outcomes().stream()
        .filter(o -> o.change().kind() == kind)
        .findFirst()
        .orElseThrow();
  }

  private static ChangeOutcome outcomeOf(SyncReport report, Change change) {
    return report.outcomes().stream()
        .filter(o -> o.change().equals(change))
        .findFirst()
        .orElseThrow();
  }

  /** Whether a change needed the object of one of the failed ones. */
  private static boolean dependsOn(Change change, ChangeOutcome... failed) {
    for (ChangeOutcome f : failed) {
      String name = f.change().subject().name();
      if (change instanceof Change.AddMembership a
          && (a.user().name().equals(name) || a.group().name().equals(name))) {
        return true;
      }
      if (change instanceof Change.RemoveMembership r
          && (r.user().name().equals(name) || r.group().name().equals(name))) {
        return true;
      }
    }
    return false;
  }
}
