package io.github.ssosync.plan;

import static io.github.ssosync.change.ChangeKind.ADD_MEMBERSHIP;
import static io.github.ssosync.change.ChangeKind.CREATE_GROUP;
import static io.github.ssosync.change.ChangeKind.CREATE_USER;
import static io.github.ssosync.change.ChangeKind.DELETE_GROUP;
import static io.github.ssosync.change.ChangeKind.DELETE_USER;
import static io.github.ssosync.change.ChangeKind.DISABLE_USER;
import static io.github.ssosync.change.ChangeKind.REMOVE_MEMBERSHIP;
import static io.github.ssosync.change.ChangeKind.RETIRE_GROUP;
import static io.github.ssosync.change.ChangeKind.UPDATE_GROUP;
import static io.github.ssosync.change.ChangeKind.UPDATE_USER;
import static io.github.ssosync.plan.Fixtures.NOW;
import static io.github.ssosync.plan.Fixtures.group;
import static io.github.ssosync.plan.Fixtures.m;
import static io.github.ssosync.plan.Fixtures.memberNames;
import static io.github.ssosync.plan.Fixtures.names;
import static io.github.ssosync.plan.Fixtures.of;
import static io.github.ssosync.plan.Fixtures.plan;
import static io.github.ssosync.plan.Fixtures.policy;
import static io.github.ssosync.plan.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberRole;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.format.PlanFormat;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.GroupNameSource;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.plan.Fixtures.Dir;
import io.github.ssosync.plan.Fixtures.Tgt;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.DisableFallback;
import io.github.ssosync.policy.ExternalMemberRule;
import io.github.ssosync.policy.OwnerMode;
import io.github.ssosync.policy.SuspendedAction;
import io.github.ssosync.policy.SyncMethod;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.AttributeLimits;
import io.github.ssosync.targets.TargetCapabilities;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final DirectoryUser ann = user("ann");
  private final DirectoryUser bob = user("bob");
  private final DirectoryUser cat = user("cat");
  private final DirectoryGroup admins = group("aws-admins");
  private final DirectoryGroup devs = group("aws-devs");

  @Nested
  class SyncMethods {
    @Test
    void groupsMethodSyncsTheMembersOfSelectedGroupsPlusMatchedUsers() {
      Dir dir =
          new Dir()
              .users(ann, bob)
              .user(cat, true)
              .group(admins, true, m(ann))
              .group(devs, false, m(bob));
      SyncPlan plan = plan(dir, new Tgt(), policy().build());
      assertThat(names(plan, CREATE_USER)).containsExactly("ann@example.com", "cat@example.com");
      assertThat(names(plan, CREATE_GROUP)).containsExactly("aws-admins@example.com");
    }

    @Test
    void usersGroupsMethodSyncsMatchedUsersAndOnlyTheirMemberships() {
      Dir dir = new Dir().user(ann, true).users(bob).group(admins, true, m(ann), m(bob));
      SyncPlan plan =
          plan(dir, new Tgt(), policy().syncMethod(SyncMethod.USERS_GROUPS).userMatch("*").build());
      assertThat(names(plan, CREATE_USER)).containsExactly("ann@example.com");
      assertThat(memberNames(plan, ADD_MEMBERSHIP))
          .containsExactly("aws-admins@example.com <- ann@example.com");
    }
  }

  @Nested
  class Flattening {
    @Test
    void nestedGroupsAreFlattenedCyclesEndAndEachUserCountsOnce() {
      DirectoryGroup inner = group("inner");
      DirectoryGroup innermost = group("innermost");
      Dir dir =
          new Dir()
              .users(ann, bob, cat)
              .group(admins, true, m(ann), DirectoryMember.group(inner))
              .group(inner, false, m(bob), DirectoryMember.group(innermost), m(ann))
              // innermost nests admins again: a cycle
              .group(innermost, false, m(cat), DirectoryMember.group(admins));
      SyncPlan plan = plan(dir, new Tgt(), policy().groupMatch("email:aws-*").build());
      assertThat(memberNames(plan, ADD_MEMBERSHIP))
          .containsExactly(
              "aws-admins@example.com <- ann@example.com",
              "aws-admins@example.com <- bob@example.com",
              "aws-admins@example.com <- cat@example.com");
      // Nested groups are flattened into the selected one, not synced themselves.
      assertThat(names(plan, CREATE_GROUP)).containsExactly("aws-admins@example.com");
    }

    @Test
    void externalAndCustomerMembersNeverBecomeUsersAndCanBeReported() {
      DirectoryMember guest =
          new DirectoryMember(
              "x1", "guest@partner.example", MemberType.EXTERNAL, MemberRole.MEMBER);
      DirectoryMember everyone =
          new DirectoryMember("C01", null, MemberType.CUSTOMER, MemberRole.MEMBER);
      Dir dir = new Dir().users(ann).group(admins, true, m(ann), guest, everyone);
      SyncPlan quiet = plan(dir, new Tgt(), policy().build());
      assertThat(names(quiet, CREATE_USER)).containsExactly("ann@example.com");
      assertThat(quiet.warnings()).isEmpty();
      SyncPlan loud =
          plan(dir, new Tgt(), policy().externalMembers(ExternalMemberRule.WARN).build());
      assertThat(loud.warnings())
          .extracting(PlanWarning::kind, PlanWarning::subject)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(
                  PlanWarning.Kind.EXTERNAL_MEMBER, "guest@partner.example"),
              org.assertj.core.groups.Tuple.tuple(PlanWarning.Kind.EXTERNAL_MEMBER, "C01"));
    }

    @Test
    void usersOutsideTheAllowedDomainsAreNotSynced() {
      DirectoryUser outsider = DirectoryUser.of("o", "o@other.org", "O", "Ther");
      Dir dir = new Dir().users(ann, outsider).group(admins, true, m(ann), m(outsider));
      SyncPlan plan = plan(dir, new Tgt(), policy().allowedDomains(Set.of("Example.com")).build());
      assertThat(names(plan, CREATE_USER)).containsExactly("ann@example.com");
    }

    @Test
    void ownersAndManagersAreMembers() {
      Dir dir =
          new Dir()
              .users(ann, bob)
              .group(
                  admins,
                  true,
                  new DirectoryMember(
                      ann.id(), ann.primaryEmail(), MemberType.USER, MemberRole.OWNER),
                  new DirectoryMember(
                      bob.id(), bob.primaryEmail(), MemberType.USER, MemberRole.MANAGER));
      assertThat(names(plan(dir, new Tgt(), policy().build()), CREATE_USER)).hasSize(2);
    }

    @Test
    void archivedUsersAreOutOfScope() {
      Dir dir = new Dir().users(ann, bob.withArchived(true)).group(admins, true, m(ann), m(bob));
      Tgt target = new Tgt().anchoredUser("t-bob", bob);
      SyncPlan plan = plan(dir, target, policy().deletionGuard(DeletionGuard.OFF).build());
      assertThat(names(plan, CREATE_USER)).containsExactly("ann@example.com");
      assertThat(names(plan, DISABLE_USER)).containsExactly("bob@example.com");
    }
  }

  @Nested
  class IgnoreAndInclude {
    @Test
    void anIgnoredUserIsNeverCreatedUpdatedOrRemoved() {
      DirectoryUser bobRenamed = bob.withNames("Robert", "Family");
      Dir dir = new Dir().users(ann, bobRenamed).group(admins, true, m(ann), m(bobRenamed));
      Tgt target = new Tgt().anchoredUser("t-bob", bob).anchoredUser("t-cat", cat);
      SyncPolicy p =
          policy()
              .ignoreUsers(List.of("BOB@example.com", "cat@*"))
              .deletionGuard(DeletionGuard.OFF)
              .build();
      SyncPlan plan = plan(dir, target, p);
      assertThat(plan.changes())
          .noneMatch(
              c -> c.subject().name().startsWith("bob") || c.subject().name().startsWith("cat"));
      assertThat(names(plan, CREATE_USER)).containsExactly("ann@example.com");
    }

    @Test
    void ignoredGroupsAreNotSyncedButStillFlattenedAndIncludedGroupsLimitTheSelection() {
      DirectoryGroup staff = group("staff");
      Dir dir =
          new Dir()
              .users(ann, bob)
              .group(admins, true, m(ann), DirectoryMember.group(staff))
              .group(staff, true, m(bob))
              .group(devs, true, m(bob));
      Tgt target = new Tgt().anchoredGroup("t-staff", staff);
      SyncPlan plan =
          plan(
              dir,
              target,
              policy()
                  .ignoreGroups(List.of("staff@*"))
                  .includeGroups(List.of("aws-ADMINS@example.com", "staff@example.com"))
                  .build());
      assertThat(names(plan, CREATE_GROUP)).containsExactly("aws-admins@example.com");
      assertThat(memberNames(plan, ADD_MEMBERSHIP))
          .containsExactly(
              "aws-admins@example.com <- ann@example.com",
              "aws-admins@example.com <- bob@example.com");
      assertThat(names(plan, DELETE_GROUP)).isEmpty(); // the ignored, anchored group stays
    }
  }

  @Nested
  class MatchingAndOwnership {
    @Test
    void anAnchorWinsOverANameAndARenameIsAnUpdateInPlace() {
      DirectoryUser renamed = ann.withPrimaryEmail("anne@example.com");
      Dir dir = new Dir().users(renamed).group(admins, true, m(renamed));
      Tgt target =
          new Tgt()
              .anchoredUser("t-ann", ann)
              .anchoredGroup("t-admins", admins)
              .member("t-admins", "t-ann");
      SyncPlan plan = plan(dir, target, policy().build());
      assertThat(plan.changes()).hasSize(1);
      Change.UpdateUser update = (Change.UpdateUser) plan.changes().get(0);
      assertThat(update.user().targetId()).isEqualTo("t-ann");
      assertThat(update.changes())
          .containsExactly(
              new AttributeChange("userName", "ann@example.com", "anne@example.com"),
              new AttributeChange("emails", "ann@example.com", "anne@example.com"));
      assertThat(update.reason()).contains("renamed");
    }

    @Test
    void aGroupRenameIsAnUpdateInPlaceKeepingItsMembers() {
      DirectoryGroup renamed = DirectoryGroup.of(admins.id(), "aws-root@example.com", "Root");
      Dir dir = new Dir().users(ann).group(renamed, true, m(ann));
      Tgt target =
          new Tgt()
              .anchoredUser("t-ann", ann)
              .anchoredGroup("t-admins", admins)
              .member("t-admins", "t-ann");
      SyncPlan plan = plan(dir, target, policy().build());
      assertThat(plan.changes()).singleElement().isInstanceOf(Change.UpdateGroup.class);
      assertThat(((Change.UpdateGroup) plan.changes().get(0)).changes())
          .containsExactly(
              new AttributeChange("displayName", "aws-admins@example.com", "aws-root@example.com"));
    }

    @Test
    void aRenameIntoANameAnotherObjectKeepsIsDeferredAndOneFreedInThePlanGoesAhead() {
      DirectoryGroup renamed = DirectoryGroup.of(admins.id(), "aws-root@example.com", "Root");
      Dir dir = new Dir().users(ann).group(renamed, true, m(ann));
      Tgt target =
          new Tgt()
              .anchoredUser("t-ann", ann)
              .anchoredGroup("t-admins", admins)
              .member("t-admins", "t-ann")
              .handMadeGroup("t-hand", "AWS-ROOT@example.com");
      SyncPlan kept = plan(dir, target, policy().build());
      assertThat(kept.changes()).isEmpty();
      assertThat(kept.warnings())
          .extracting(PlanWarning::kind)
          .containsExactly(PlanWarning.Kind.NAME_TAKEN);
      assertThat(kept.warnings().get(0).message()).contains("t-hand");

      // Owned by ownerMode=ALL, the holder leaves the scope: it is retired (kept, emptied) for
      // the group grace period, so the name stays taken until then...
      SyncPlan retiring =
          plan(
              dir,
              target,
              policy().ownerMode(OwnerMode.ALL).deletionGuard(DeletionGuard.OFF).build());
      assertThat(names(retiring, RETIRE_GROUP)).containsExactly("AWS-ROOT@example.com");
      assertThat(names(retiring, UPDATE_GROUP)).isEmpty();
      // ...unless groups that leave are deleted at once: then the name is freed in the same plan.
      SyncPlan freed =
          plan(
              dir,
              target,
              policy()
                  .ownerMode(OwnerMode.ALL)
                  .groupGracePeriod(Duration.ZERO)
                  .deletionGuard(DeletionGuard.OFF)
                  .build());
      assertThat(names(freed, UPDATE_GROUP)).containsExactly("aws-root@example.com");
      assertThat(names(freed, DELETE_GROUP)).containsExactly("AWS-ROOT@example.com");
      assertThat(freed.warnings()).isEmpty();
    }

    @Test
    void aNewUserWhoseNameIsHeldByADisabledLeaverWaitsForTheDeletion() {
      DirectoryUser newcomer = DirectoryUser.of("new", "bob@example.com", "New", "Bob");
      Dir dir = new Dir().users(newcomer).group(admins, true, m(newcomer));
      Tgt target =
          new Tgt().anchoredUser("t-bob", bob, false, NOW).anchoredGroup("t-admins", admins);
      SyncPlan plan = plan(dir, target, policy().build());
      assertThat(of(plan, CREATE_USER)).isEmpty();
      assertThat(of(plan, ADD_MEMBERSHIP)).isEmpty();
      assertThat(plan.warnings())
          .extracting(PlanWarning::kind)
          .containsExactly(PlanWarning.Kind.NAME_TAKEN);
      assertThat(plan.pendingDeletions())
          .extracting(p -> p.subject().name())
          .containsExactly("bob@example.com");
    }

    @Test
    void aNameMatchWithoutOurAnchorIsLeftAloneUnlessThePolicyAdopts() {
      Dir dir = new Dir().users(ann).group(admins, true, m(ann));
      Tgt target = new Tgt().handMadeUser("t-hand", "ANN@example.com");
      SyncPlan anchored = plan(dir, target, policy().build());
      assertThat(names(anchored, CREATE_USER)).isEmpty();
      assertThat(names(anchored, UPDATE_USER)).isEmpty();
      assertThat(anchored.warnings())
          .extracting(PlanWarning::kind)
          .contains(PlanWarning.Kind.NOT_OWNED);
      // The hand-made user still gets the membership: it is the directory's user.
      assertThat(memberNames(anchored, ADD_MEMBERSHIP))
          .containsExactly("aws-admins@example.com <- ann@example.com");

      SyncPlan adopted = plan(dir, target, policy().ownerMode(OwnerMode.ADOPT).build());
      Change.UpdateUser update = (Change.UpdateUser) of(adopted, UPDATE_USER).get(0);
      assertThat(update.changes()).contains(new AttributeChange("externalId", null, "ann"));
      assertThat(update.reason()).contains("adopted");
    }

    @Test
    void twoCandidatesAreReportedAndNeverGuessed() {
      Dir dir = new Dir().users(ann).group(admins, true, m(ann));
      Tgt target =
          new Tgt()
              .anchoredUser("t-1", ann)
              .anchoredUser("t-2", ann.withPrimaryEmail("ann2@example.com"));
      SyncPlan plan = plan(dir, target, policy().build());
      assertThat(of(plan, UPDATE_USER)).isEmpty();
      assertThat(of(plan, DISABLE_USER)).isEmpty();
      assertThat(plan.warnings())
          .extracting(PlanWarning::kind)
          .contains(PlanWarning.Kind.AMBIGUOUS_MATCH);
    }

    @Test
    void unownedObjectsAreNeverRemovedExceptWhenThePolicyOwnsEverything() {
      Dir dir = new Dir().users(ann).group(admins, true, m(ann));
      Tgt target =
          new Tgt()
              .anchoredUser("t-ann", ann)
              .anchoredGroup("t-admins", admins)
              .member("t-admins", "t-ann")
              .handMadeUser("t-ct", "controltower@example.com")
              .handMadeGroup("t-ctg", "AWSControlTowerAdmins");
      assertThat(plan(dir, target, policy().build()).changes()).isEmpty();
      SyncPlan all =
          plan(
              dir,
              target,
              policy()
                  .ownerMode(OwnerMode.ALL)
                  .gracePeriod(Duration.ZERO)
                  .deletionGuard(DeletionGuard.OFF)
                  .build());
      assertThat(names(all, DELETE_USER)).containsExactly("controltower@example.com");
      assertThat(names(all, DELETE_GROUP)).containsExactly("AWSControlTowerAdmins");
    }

    @Test
    void twoDirectoryUsersWhoseEmailsDifferOnlyInCaseAreBothSkipped() {
      DirectoryUser upper = DirectoryUser.of("ANN2", "Ann@Example.com", "Ann", "Two");
      Dir dir = new Dir().users(ann, upper).group(admins, true, m(ann), m(upper));
      Tgt target = new Tgt().anchoredUser("t-ann", ann);
      SyncPlan plan = plan(dir, target, policy().build());
      assertThat(of(plan, CREATE_USER)).isEmpty();
      assertThat(of(plan, DISABLE_USER)).isEmpty(); // the existing one is protected, not removed
      assertThat(plan.warnings())
          .extracting(PlanWarning::kind)
          .containsOnly(PlanWarning.Kind.NAME_COLLISION);
    }

    @Test
    void aTargetWithoutAnchorsMatchesByNameAndRemovesNothingUnlessItOwnsEverything() {
      Tgt target =
          new Tgt()
              .handMadeUser("t-ann", "ann@example.com")
              .handMadeUser("t-old", "old@example.com");
      target.caps = TargetCapabilities.builder().build();
      Dir dir = new Dir().users(ann).group(admins, true, m(ann));
      SyncPlan plan = plan(dir, target, policy().build());
      assertThat(of(plan, UPDATE_USER))
          .singleElement()
          .satisfies(
              c ->
                  assertThat(((Change.UpdateUser) c).changes())
                      .extracting(AttributeChange::attribute)
                      .doesNotContain("externalId"));
      assertThat(of(plan, DELETE_USER)).isEmpty();
      assertThat(plan.warnings())
          .extracting(PlanWarning::kind)
          .contains(PlanWarning.Kind.CAPABILITY_FALLBACK);
    }
  }

  @Nested
  class SuspendedUsersAndGracePeriod {
    private final DirectoryUser suspendedBob = bob.withSuspended(true);
    private final Dir dir =
        new Dir().users(ann, suspendedBob).group(admins, true, m(ann), m(suspendedBob));
    private final Tgt target =
        new Tgt()
            .anchoredUser("t-ann", ann)
            .anchoredUser("t-bob", bob)
            .anchoredGroup("t-admins", admins)
            .member("t-admins", "t-ann")
            .member("t-admins", "t-bob");

    @Test
    void disableKeepsTheUserAndItsMemberships() {
      SyncPlan plan = plan(dir, target, policy().deletionGuard(DeletionGuard.OFF).build());
      assertThat(names(plan, DISABLE_USER)).containsExactly("bob@example.com");
      assertThat(of(plan, REMOVE_MEMBERSHIP)).isEmpty();
      assertThat(((Change.DisableUser) of(plan, DISABLE_USER).get(0)).deleteAfter()).isNull();
    }

    @Test
    void unsuspendingReEnablesTheUser() {
      Tgt disabled =
          new Tgt()
              .anchoredUser("t-ann", ann)
              .anchoredUser("t-bob", bob, false, NOW)
              .anchoredGroup("t-admins", admins)
              .member("t-admins", "t-ann")
              .member("t-admins", "t-bob");
      Dir back = new Dir().users(ann, bob).group(admins, true, m(ann), m(bob));
      SyncPlan plan = plan(back, disabled, policy().build());
      assertThat(plan.changes())
          .singleElement()
          .satisfies(
              c ->
                  assertThat(((Change.UpdateUser) c).changes())
                      .containsExactly(new AttributeChange("active", "false", "true")));
    }

    @Test
    void deleteTreatsTheUserAsGoneAndIgnoreLeavesItAsItIs() {
      SyncPlan delete =
          plan(
              dir,
              target,
              policy()
                  .suspendedAction(SuspendedAction.DELETE)
                  .deletionGuard(DeletionGuard.OFF)
                  .build());
      assertThat(names(delete, DISABLE_USER)).containsExactly("bob@example.com");
      assertThat(((Change.DisableUser) of(delete, DISABLE_USER).get(0)).deleteAfter())
          .isEqualTo(NOW.plus(SyncPolicy.DEFAULT_GRACE_PERIOD));
      SyncPlan ignore = plan(dir, target, policy().suspendedAction(SuspendedAction.IGNORE).build());
      assertThat(ignore.changes()).noneMatch(c -> c.toString().contains("bob"));
    }

    @Test
    void anOwnedUserWhoLeftIsDisabledThenDeletedAfterTheGracePeriod() {
      Dir left = new Dir().users(ann).group(admins, true, m(ann));
      SyncPolicy p =
          policy().gracePeriod(Duration.ofDays(7)).deletionGuard(DeletionGuard.OFF).build();
      SyncPlan first = plan(left, target, p);
      assertThat(names(first, DISABLE_USER)).containsExactly("bob@example.com");
      assertThat(memberNames(first, REMOVE_MEMBERSHIP))
          .containsExactly("aws-admins@example.com <- bob@example.com");

      Tgt disabledYesterday =
          new Tgt()
              .anchoredUser("t-ann", ann)
              .anchoredUser("t-bob", bob, false, NOW.minus(Duration.ofDays(1)));
      SyncPlan waiting = plan(left, disabledYesterday, p);
      assertThat(of(waiting, DELETE_USER)).isEmpty();
      assertThat(waiting.pendingDeletions())
          .containsExactly(
              new PendingDeletion(
                  io.github.ssosync.change.ObjectRef.existing("t-bob", "bob", "bob@example.com"),
                  PendingDeletion.Type.USER,
                  NOW.plus(Duration.ofDays(6))));

      Tgt disabledLongAgo =
          new Tgt()
              .anchoredUser("t-ann", ann)
              .anchoredUser("t-bob", bob, false, NOW.minus(Duration.ofDays(8)));
      assertThat(names(plan(left, disabledLongAgo, p), DELETE_USER))
          .containsExactly("bob@example.com");

      SyncPlan immediate = plan(left, target, p.toBuilder().gracePeriod(Duration.ZERO).build());
      assertThat(names(immediate, DELETE_USER)).containsExactly("bob@example.com");
      assertThat(of(immediate, REMOVE_MEMBERSHIP)).isEmpty(); // the delete takes them along
    }

    @Test
    void aTargetThatCannotDisableFallsBackToThePolicysChoice() {
      Tgt noDisable = new Tgt().anchoredUser("t-ann", ann).anchoredUser("t-bob", bob);
      noDisable.caps = TargetCapabilities.builder().anchorIssuer(Fixtures.ISSUER).build();
      SyncPlan leave = plan(dir, noDisable, policy().build());
      assertThat(of(leave, DISABLE_USER)).isEmpty();
      assertThat(of(leave, DELETE_USER)).isEmpty();
      assertThat(leave.warnings())
          .extracting(PlanWarning::kind)
          .contains(PlanWarning.Kind.CAPABILITY_FALLBACK);
      SyncPlan delete =
          plan(
              dir,
              noDisable,
              policy()
                  .disableFallback(DisableFallback.DELETE)
                  .deletionGuard(DeletionGuard.OFF)
                  .build());
      assertThat(names(delete, DELETE_USER)).containsExactly("bob@example.com");
    }
  }

  @Nested
  class Attributes {
    @Test
    void updatesChangeOnlyTheAttributesThatDiffer() {
      DirectoryUser renamedAnn = ann.withNames("Annie", "Familyann");
      Dir dir = new Dir().users(renamedAnn).group(admins, true, m(renamedAnn));
      Tgt target =
          new Tgt()
              .anchoredUser("t-ann", ann)
              .anchoredGroup("t-admins", admins)
              .member("t-admins", "t-ann");
      Change.UpdateUser update =
          (Change.UpdateUser) plan(dir, target, policy().build()).changes().get(0);
      assertThat(update.changes())
          .containsExactly(
              new AttributeChange("name.givenName", "Givenann", "Annie"),
              new AttributeChange("displayName", "Givenann Familyann", "Annie Familyann"));
    }

    @Test
    void theDisplayNameComesFromTheTemplateAndGroupsCanBeNamedByName() {
      Dir dir = new Dir().users(ann).group(admins, true, m(ann));
      SyncPolicy p =
          policy()
              .attributeMapping(
                  AttributeMapping.builder()
                      .map(UserAttribute.DISPLAY_NAME, "{familyName}, {givenName}")
                      .groupName(GroupNameSource.NAME)
                      .build())
              .build();
      SyncPlan plan = plan(dir, new Tgt(), p);
      assertThat(((Change.CreateUser) of(plan, CREATE_USER).get(0)).attributes().displayName())
          .isEqualTo("Familyann, Givenann");
      assertThat(names(plan, CREATE_GROUP)).containsExactly("Group aws-admins");
    }

    @Test
    void aUserMissingARequiredAttributeIsSkippedWithAWarningAndKept() {
      DirectoryUser nameless = DirectoryUser.of("bob", "bob@example.com", "  ", "Family");
      Dir dir = new Dir().users(ann, nameless).group(admins, true, m(ann), m(nameless));
      Tgt target = new Tgt().anchoredUser("t-bob", bob);
      SyncPlan plan = plan(dir, target, policy().build());
      assertThat(names(plan, CREATE_USER)).containsExactly("ann@example.com");
      assertThat(plan.changes()).noneMatch(c -> c.subject().name().equals("bob@example.com"));
      assertThat(plan.warnings())
          .singleElement()
          .satisfies(
              w -> {
                assertThat(w.kind()).isEqualTo(PlanWarning.Kind.MISSING_ATTRIBUTE);
                assertThat(w.subject()).isEqualTo("bob@example.com");
                assertThat(w.message()).contains("given name");
              });
    }

    @Test
    void aUserWithAValueTheTargetWouldRefuseIsSkippedWithAWarningAndKept() {
      DirectoryUser longName = DirectoryUser.of("bob", "bob@example.com", "B".repeat(41), "Family");
      DirectoryUser spaced = DirectoryUser.of("cy", "c y@example.com", "Cy", "Family");
      Dir dir =
          new Dir()
              .users(ann, longName, spaced)
              .group(admins, true, m(ann), m(longName), m(spaced));
      Tgt target = new Tgt().anchoredUser("t-bob", bob);
      target.caps =
          TargetCapabilities.builder()
              .anchorIssuer(Fixtures.ISSUER)
              .canDisableUsers(true)
              .limits(new AttributeLimits(20, 40, Pattern.compile("\\S+")))
              .build();
      SyncPlan plan = plan(dir, target, policy().build());
      assertThat(names(plan, CREATE_USER)).containsExactly("ann@example.com");
      assertThat(plan.changes()).noneMatch(c -> c.subject().name().equals("bob@example.com"));
      assertThat(plan.warnings())
          .extracting(PlanWarning::kind, PlanWarning::subject)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(
                  PlanWarning.Kind.INVALID_ATTRIBUTE, "bob@example.com"),
              org.assertj.core.groups.Tuple.tuple(
                  PlanWarning.Kind.INVALID_ATTRIBUTE, "c y@example.com"));
      assertThat(plan.warnings())
          .extracting(PlanWarning::message)
          .anySatisfy(m -> assertThat(m).contains("given name is 41 characters"))
          .anySatisfy(m -> assertThat(m).contains("user name contains characters"));
    }

    @Test
    void aGroupWhoseDescriptionIsTooLongIsSyncedWithoutIt() {
      DirectoryGroup wordy = new DirectoryGroup("g", "aws-g@example.com", "G", "D".repeat(40));
      Dir dir = new Dir().users(ann).group(wordy, true, m(ann));
      Tgt target = new Tgt();
      target.caps =
          TargetCapabilities.builder()
              .anchorIssuer(Fixtures.ISSUER)
              .canDisableUsers(true)
              .limits(new AttributeLimits(0, 30, null))
              .build();
      SyncPlan plan = plan(dir, target, policy().build());
      Change.CreateGroup create = (Change.CreateGroup) of(plan, CREATE_GROUP).get(0);
      assertThat(create.attributes().description()).isNull();
      assertThat(plan.warnings())
          .singleElement()
          .satisfies(w -> assertThat(w.kind()).isEqualTo(PlanWarning.Kind.INVALID_ATTRIBUTE))
          .satisfies(w -> assertThat(w.message()).contains("without its description"));
    }

    @Test
    void emptyGroupDescriptionsAreUnsetNotEmpty() {
      DirectoryGroup blank = new DirectoryGroup("g", "aws-g@example.com", "G", "   ");
      Dir dir = new Dir().users(ann).group(blank, true, m(ann));
      Change.CreateGroup create =
          (Change.CreateGroup) of(plan(dir, new Tgt(), policy().build()), CREATE_GROUP).get(0);
      assertThat(create.attributes().description()).isNull();
    }
  }

  @Nested
  class Memberships {
    @Test
    void addsAndRemovesOnlyWhatDiffersAndNeverTouchesUnownedUsers() {
      Dir dir =
          new Dir()
              .users(ann, bob, cat)
              .group(admins, true, m(ann), m(cat))
              .group(devs, true, m(bob));
      Tgt target =
          new Tgt()
              .anchoredUser("t-ann", ann)
              .anchoredUser("t-bob", bob)
              .anchoredUser("t-cat", cat)
              .handMadeUser("t-hand", "hand@example.com")
              .anchoredGroup("t-admins", admins)
              .anchoredGroup("t-devs", devs)
              .member("t-admins", "t-ann")
              .member("t-admins", "t-bob")
              .member("t-admins", "t-hand")
              .member("t-devs", "t-bob");
      SyncPlan plan = plan(dir, target, policy().build());
      assertThat(memberNames(plan, ADD_MEMBERSHIP))
          .containsExactly("aws-admins@example.com <- cat@example.com");
      assertThat(memberNames(plan, REMOVE_MEMBERSHIP))
          .containsExactly("aws-admins@example.com <- bob@example.com");
      assertThat(((Change.RemoveMembership) of(plan, REMOVE_MEMBERSHIP).get(0)).membershipId())
          .isEqualTo("m-t-admins-t-bob");
    }

    @Test
    void membershipsThatWereNotReadAreNotChanged() {
      Dir dir = new Dir().users(ann).group(admins, true, m(ann));
      Tgt target = new Tgt().anchoredUser("t-ann", ann).anchoredGroup("t-admins", admins);
      var snapshot = target.snapshot();
      var unread =
          new io.github.ssosync.targets.TargetSnapshot(
              snapshot.users(), snapshot.groups(), List.of(), Set.of(), snapshot.capabilities());
      SyncPlan plan = Planner.plan(dir.snapshot(), unread, policy().build(), NOW);
      assertThat(of(plan, ADD_MEMBERSHIP)).isEmpty();
      assertThat(plan.warnings())
          .extracting(PlanWarning::kind)
          .containsExactly(PlanWarning.Kind.MEMBERSHIPS_NOT_READ);
    }

    @Test
    void aNewGroupCarriesAsManyMembersInlineAsTheTargetTakes() {
      Dir dir = new Dir().users(ann, bob, cat).group(admins, true, m(cat), m(bob), m(ann));
      Tgt target = new Tgt();
      target.caps =
          TargetCapabilities.builder()
              .anchorIssuer(Fixtures.ISSUER)
              .canDisableUsers(true)
              .maxMembersOnGroupCreate(2)
              .build();
      SyncPlan plan = plan(dir, target, policy().build());
      Change.CreateGroup create = (Change.CreateGroup) of(plan, CREATE_GROUP).get(0);
      assertThat(create.members())
          .extracting(r -> r.name())
          .containsExactly("ann@example.com", "bob@example.com");
      assertThat(memberNames(plan, ADD_MEMBERSHIP))
          .containsExactly("aws-admins@example.com <- cat@example.com");
    }
  }

  @Nested
  class Guard {
    private Dir emptied() {
      return new Dir().users(ann).group(admins, true, m(ann));
    }

    private Tgt owned(int users) {
      Tgt t =
          new Tgt()
              .anchoredUser("t-ann", ann)
              .anchoredGroup("t-admins", admins)
              .member("t-admins", "t-ann");
      for (int i = 0; i < users; i++) {
        t.anchoredUser("t-" + i, user("u" + i));
      }
      return t;
    }

    @Test
    void blocksAPlanThatRemovesMoreThanTheCountOrPercent() {
      SyncPlan byCount =
          plan(emptied(), owned(60), policy().deletionGuard(new DeletionGuard(50, 0)).build());
      assertThat(byCount.blocked()).isTrue();
      assertThat(byCount.guard().removals()).isEqualTo(60);
      assertThat(byCount.guard().reason())
          .contains("60 removals exceed the limit of 50")
          .contains("disable user u0@example.com")
          .contains("and 40 more");

      SyncPlan byPercent =
          plan(emptied(), owned(5), policy().deletionGuard(new DeletionGuard(0, 10)).build());
      assertThat(byPercent.blocked()).isTrue();
      assertThat(byPercent.guard().reason()).contains("above the limit of 10%");

      SyncPlan within =
          plan(emptied(), owned(5), policy().deletionGuard(new DeletionGuard(5, 0)).build());
      assertThat(within.blocked()).isFalse();
      assertThat(
              plan(emptied(), owned(60), policy().deletionGuard(DeletionGuard.OFF).build())
                  .blocked())
          .isFalse();
    }

    @Test
    void theDefaultGuardIsFiftyOrTenPercentFromFiveRemovals() {
      // One leaver among few owned objects is a large share, but below the minimum of 5.
      assertThat(plan(emptied(), owned(1), policy().build()).blocked()).isFalse(); // 1 of 3
      assertThat(plan(emptied(), owned(4), policy().build()).blocked()).isFalse(); // 4 of 6
      SyncPlan five = plan(emptied(), owned(5), policy().build()); // 5 of 7
      assertThat(five.blocked()).isTrue();
      assertThat(five.guard().reason()).contains("5 removals are 72% of 7 owned objects");
      assertThat(
              plan(
                      emptied(),
                      owned(5),
                      policy().deletionGuard(new DeletionGuard(50, 10, 6)).build())
                  .blocked())
          .isFalse();
      assertThat(
              plan(
                      emptied(),
                      owned(1),
                      policy().deletionGuard(new DeletionGuard(50, 10, 0)).build())
                  .blocked())
          .isTrue();
      assertThat(SyncPolicy.builder().groupMatch("*").build().deletionGuard())
          .isEqualTo(new DeletionGuard(50, 10, 5));
    }

    @Test
    void aQueryThatMatchesNothingIsBlocked() {
      Dir typo = new Dir().users(ann).group(admins, false, m(ann));
      SyncPlan plan = plan(typo, owned(0), policy().build());
      assertThat(plan.blocked()).isTrue(); // below the minimum of 5, but everything we own
      assertThat(plan.guard().removals()).isEqualTo(2);
      assertThat(plan.guard().reason()).contains("2 removals are every owned object");
      assertThat(plan(typo, owned(0), policy().deletionGuard(DeletionGuard.OFF).build()).blocked())
          .isFalse();
    }
  }

  @Test
  void thePlanIsSortedAndTheSameForShuffledInput() {
    Dir a =
        new Dir()
            .users(ann, bob, cat)
            .group(admins, true, m(ann), m(bob))
            .group(devs, true, m(cat), m(ann));
    Dir b =
        new Dir()
            .users(cat, bob, ann)
            .group(devs, true, m(ann), m(cat))
            .group(admins, true, m(bob), m(ann));
    SyncPlan pa = plan(a, new Tgt(), policy().build());
    SyncPlan pb = plan(b, new Tgt(), policy().build());
    assertThat(pa).isEqualTo(pb);
    assertThat(pa.changes()).extracting(Change::kind).isSorted();
  }

  @Test
  void thePlanPrintsAsATableAndAsJson() {
    Dir dir = new Dir().users(ann).group(admins, true, m(ann));
    SyncPlan plan = plan(dir, new Tgt().handMadeUser("t", "x@example.com"), policy().build());
    assertThat(PlanFormat.table(plan))
        .contains("2 to create")
        .contains("create user")
        .contains("ann@example.com")
        .contains("Deletion guard: ok");
    assertThat(PlanFormat.json(plan))
        .contains("\"schema\" : \"ssosync-plan/v1\"")
        .contains("\"kind\" : \"CREATE_GROUP\"")
        .contains("\"reason\" : \"selected in the directory\"");
  }
}
