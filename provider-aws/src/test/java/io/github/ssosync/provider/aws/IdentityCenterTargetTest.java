package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.Secret;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.InMemoryDirectorySource;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.engine.RunMeasures;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.NameHolder;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdentityCenterTargetTest {
  private static final io.github.ssosync.provider.RetryPolicy PATIENT =
      io.github.ssosync.provider.RetryPolicy.builder()
          .maxAttempts(20)
          .initialBackoff(java.time.Duration.ofMillis(1))
          .maxBackoff(java.time.Duration.ofMillis(20))
          .build();
  private final AwsFixture aws = new AwsFixture();

  @AfterEach
  void stop() {
    aws.close();
  }

  private static SyncPolicy all() {
    return SyncPolicy.builder().groupMatch("*").deletionGuard(DeletionGuard.OFF).build();
  }

  private SyncReport sync(InMemoryDirectorySource source, IdentityCenterTarget target) {
    return SyncEngine.builder().source(source).target(target).policy(all()).build().sync();
  }

  private static DirectoryContent oneGroup(int users) {
    DirectoryContent.Builder b = DirectoryContent.builder();
    List<DirectoryMember> members = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      DirectoryUser u =
          DirectoryUser.of("s" + i, "user" + i + "@example.com", "User", "Number" + i);
      b.user(u);
      members.add(DirectoryMember.user(u));
    }
    return b.group(
            DirectoryGroup.of("g1", "aws-all@example.com", "All"),
            members.toArray(DirectoryMember[]::new))
        .build();
  }

  @Test
  void throttledCallsReachTheReportAndTheRunMeasuresByFamily() {
    IdentityCenterTarget target = aws.target(WriteMode.SCIM);
    aws.emulator
        .identityStoreFaults()
        .retryAfterSeconds(0)
        .failNext("AWSIdentityStore.ListUsers", 1, FaultKind.THROTTLE);
    aws.emulator
        .scimFaults()
        .retryAfterSeconds(0)
        .failNext("scim.CreateUser", 2, FaultKind.THROTTLE);
    SyncReport report = sync(new InMemoryDirectorySource(oneGroup(3)), target);
    assertThat(report.failures()).isEmpty();
    assertThat(report.throttledCalls())
        .isEqualTo(Map.of("identitystore.ListUsers", 1L, "scim.CreateUser", 2L));
    // Each throttled try is a call too.
    assertThat(report.apiCalls()).containsEntry("scim.CreateUser", 5L);
    RunMeasures measures = RunMeasures.of(report);
    assertThat(measures.throttles()).isEqualTo(Map.of("identitystore", 1L, "scim", 2L));
    assertThat(measures.apiCalls().get("scim"))
        .isEqualTo(
            report.apiCalls().entrySet().stream()
                .filter(e -> e.getKey().startsWith("scim."))
                .mapToLong(Map.Entry::getValue)
                .sum());
  }

  @Test
  void everyListIsPagedToTheEndAt100() {
    IdentityCenterTarget target = aws.target(WriteMode.SCIM);
    sync(new InMemoryDirectorySource(oneGroup(250)), target);
    for (int i = 0; i < 150; i++) {
      aws.emulator.createUnmanagedGroup("hand-" + i);
    }
    aws.emulator.resetCalls();
    TargetSnapshot s = target.read(TargetScope.allGroups());
    assertThat(s.users()).hasSize(250);
    assertThat(s.groups()).hasSize(151);
    assertThat(s.memberships()).hasSize(250);
    Map<String, Long> calls = aws.emulator.identityStoreCalls();
    assertThat(calls.get("AWSIdentityStore.ListUsers")).isEqualTo(3);
    assertThat(calls.get("AWSIdentityStore.ListGroups")).isEqualTo(2);
    assertThat(calls.get("AWSIdentityStore.ListGroupMemberships")).isEqualTo(3 + 150);
  }

  @Test
  void twoHundredFiftyMembersAreAddedToOneGroupInThreePatches() {
    IdentityCenterTarget target = aws.target(WriteMode.SCIM);
    List<Change> creates = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      String email = "m" + i + "@example.com";
      creates.add(
          new Change.CreateUser(
              ObjectRef.pending("m" + i, email),
              new UserAttributes(email, "M", "Ember" + i, "M Ember" + i, email, true, "m" + i),
              "test"));
    }
    List<ChangeResult> users = target.apply(creates);
    String groupId =
        target
            .apply(
                List.of(
                    new Change.CreateGroup(
                        ObjectRef.pending("g", "big"),
                        new io.github.ssosync.change.GroupAttributes("big", null, "g"),
                        List.of(),
                        "test")))
            .get(0)
            .targetId();
    ObjectRef group = ObjectRef.existing(groupId, "g", "big");
    List<Change> adds = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      adds.add(
          new Change.AddMembership(
              group, ObjectRef.existing(users.get(i).targetId(), "m" + i, "m" + i), "test"));
    }
    aws.emulator.resetCalls();
    assertThat(target.apply(adds)).allMatch(ChangeResult::applied);
    assertThat(aws.emulator.scimCalls()).containsExactly(Map.entry("scim.PatchGroup", 3L));
    assertThat(aws.emulator.memberships()).hasSize(250);
  }

  @Test
  void aThrottlingStormOnBothApisStillConverges() {
    InMemoryDirectorySource source =
        new InMemoryDirectorySource(
            SyntheticDirectory.builder().seed(11).users(60).groups(6).memberships(150).build());
    IdentityCenterTarget target = aws.target(WriteMode.SCIM);
    aws.emulator.identityStoreFaults().retryAfterSeconds(0).throttle(0.5, 1);
    aws.emulator.scimFaults().retryAfterSeconds(0).throttle(0.5, 2);
    IdentityCenterTarget patient =
        aws.builder(WriteMode.SCIM)
            .identityStoreApi(AwsFixture.fast(IdentityCenterTarget.identityStoreApi(), PATIENT))
            .scimApi(AwsFixture.fast(IdentityCenterTarget.scimApi(), PATIENT))
            .build();
    SyncReport report = sync(source, patient);
    assertThat(report.failures()).isEmpty();
    assertThat(aws.emulator.scimCalls().values().stream().mapToLong(Long::longValue).sum())
        .as("throttled calls were retried")
        .isGreaterThan(report.outcomes().size());
    aws.emulator.identityStoreFaults().clear();
    aws.emulator.scimFaults().clear();
    assertThat(
            SyncEngine.builder()
                .source(source)
                .target(target)
                .policy(all())
                .build()
                .plan()
                .changes())
        .isEmpty();
  }

  @Test
  void aServerErrorOnAWriteIsRetriedAndAChangeThatKeepsFailingDoesNotStopTheOthers() {
    IdentityCenterTarget target = aws.target(WriteMode.SCIM);
    aws.emulator.scimFaults().failNext("scim.CreateUser", 1, FaultKind.SERVER_ERROR);
    DirectoryContent content =
        DirectoryContent.builder()
            .user(DirectoryUser.of("1", "ann@example.com", "Ann", "Lee"))
            .user(
                DirectoryUser.of(
                    "2", "bad name@example.com", "Bad", "Name")) // a space: the API refuses it
            .user(DirectoryUser.of("3", "cat@example.com", "Cat", "Kim"))
            .group(DirectoryGroup.of("g", "aws-g@example.com", "G"))
            .member(
                "g",
                new DirectoryMember(
                    "1",
                    "ann@example.com",
                    io.github.ssosync.directory.MemberType.USER,
                    io.github.ssosync.directory.MemberRole.MEMBER))
            .member(
                "g",
                new DirectoryMember(
                    "2",
                    "bad name@example.com",
                    io.github.ssosync.directory.MemberType.USER,
                    io.github.ssosync.directory.MemberRole.MEMBER))
            .member(
                "g",
                new DirectoryMember(
                    "3",
                    "cat@example.com",
                    io.github.ssosync.directory.MemberType.USER,
                    io.github.ssosync.directory.MemberRole.MEMBER))
            .build();
    SyncReport report = sync(new InMemoryDirectorySource(content), target);
    // The server error was retried; the name the API would refuse never reached it: the planner
    // knows the target's limits and skips that user with a warning naming it.
    assertThat(report.status()).isEqualTo(SyncReport.Status.COMPLETED);
    assertThat(aws.emulator.scimFaults().injected()).isEqualTo(1);
    assertThat(report.plan().warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.kind()).isEqualTo(PlanWarning.Kind.INVALID_ATTRIBUTE);
              assertThat(w.subject()).isEqualTo("bad name@example.com");
            });
    assertThat(aws.emulator.users())
        .extracting(TargetUser::userName)
        .containsExactlyInAnyOrder("ann@example.com", "cat@example.com");
    assertThat(aws.emulator.memberships()).hasSize(2);
  }

  @Test
  void aValueTheApiRefusesFailsThatChangeAloneAsInvalid() {
    IdentityCenterTarget target = aws.target(WriteMode.SCIM);
    Change.CreateUser bad = create("2", "bad name@example.com");
    Change.CreateUser cat = create("3", "cat@example.com");
    List<ChangeResult> results = target.apply(List.of(bad, cat));
    assertThat(results.get(0).applied()).isFalse();
    ProviderException refused = java.util.Objects.requireNonNull(results.get(0).error());
    assertThat(refused.reason()).isEqualTo(Reason.INVALID);
    assertThat(refused.getMessage())
        .contains("create user bad name@example.com")
        .contains("failed to satisfy constraint");
    assertThat(results.get(1).applied()).isTrue();
    assertThat(aws.emulator.users())
        .extracting(TargetUser::userName)
        .containsExactly("cat@example.com");
  }

  private static Change.CreateUser create(String sourceId, String userName) {
    return new Change.CreateUser(
        ObjectRef.pending(sourceId, userName),
        new UserAttributes(userName, "Given", "Family", "Given Family", userName, true, sourceId),
        "test");
  }

  @Test
  void renamesAreAppliedInPlaceAndUnownedObjectsAreLeftAlone() {
    TargetUser hand =
        aws.emulator.createUnmanagedUser("controltower@example.com", "Control", "Tower");
    TargetGroup handGroup = aws.emulator.createUnmanagedGroup("AWSControlTowerAdmins");
    DirectoryUser ann = DirectoryUser.of("1", "ann@example.com", "Ann", "Lee");
    DirectoryGroup admins = DirectoryGroup.of("g", "aws-admins@example.com", "Admins");
    InMemoryDirectorySource source =
        new InMemoryDirectorySource(
            DirectoryContent.builder().user(ann).group(admins, DirectoryMember.user(ann)).build());
    IdentityCenterTarget target = aws.target(WriteMode.SCIM);
    sync(source, target);
    String userId = aws.emulator.userId("ann@example.com");
    String groupId = aws.emulator.groupId("aws-admins@example.com");
    DirectoryUser renamed = ann.withPrimaryEmail("ann.lee@example.com");
    DirectoryGroup renamedGroup = DirectoryGroup.of("g", "aws-root@example.com", "Root");
    source.setContent(
        DirectoryContent.builder()
            .user(renamed)
            .group(renamedGroup, DirectoryMember.user(renamed))
            .build());
    SyncReport report = sync(source, target);
    assertThat(report.failures()).isEmpty();
    assertThat(aws.emulator.userId("ann.lee@example.com")).isEqualTo(userId);
    assertThat(aws.emulator.groupId("aws-root@example.com")).isEqualTo(groupId);
    assertThat(aws.emulator.memberships())
        .singleElement()
        .satisfies(m -> assertThat(m.groupId()).isEqualTo(groupId));
    assertThat(aws.emulator.users()).contains(hand);
    assertThat(aws.emulator.groups()).contains(handGroup);
  }

  @Test
  void theIdentityStoreIdIsDiscoveredWhenNotGiven() {
    IdentityCenterTarget target =
        IdentityCenterTarget.builder()
            .region(aws.emulator.region())
            .identityStoreEndpoint(aws.emulator.identityStoreEndpoint())
            .ssoAdminEndpoint(aws.emulator.ssoAdminEndpoint())
            .credentialsProvider(AwsFixture.CREDENTIALS)
            .writeMode(WriteMode.IDENTITY_STORE)
            .build();
    target.read(TargetScope.allGroups());
    assertThat(aws.emulator.identityStoreCalls())
        .containsKeys("SWBExternalService.ListInstances", "AWSIdentityStore.ListUsers");
  }

  @Test
  void aWrongStoreARefusedTokenOrANonScimUrlFailBeforeAnyWrite() {
    assertThatThrownBy(
            () ->
                aws.builder(WriteMode.SCIM)
                    .identityStoreId("d-0000000000")
                    .build()
                    .read(TargetScope.allGroups()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("identity store not found; check identityStoreId"));
    assertThatThrownBy(
            () ->
                aws.builder(WriteMode.SCIM)
                    .scimToken(Secret.of("wrong-token"))
                    .build()
                    .read(TargetScope.allGroups()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNAUTHENTICATED);
              assertThat(e.getMessage())
                  .contains("refused the access token")
                  .doesNotContain("wrong-token");
            });
    URI notScim = URI.create(aws.emulator.identityStoreEndpoint() + "/");
    assertThatThrownBy(
            () ->
                aws.builder(WriteMode.SCIM)
                    .scimEndpoint(notScim)
                    .build()
                    .read(TargetScope.allGroups()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.getMessage()).contains("does not answer like a SCIM endpoint"));
    assertThat(aws.emulator.users()).isEmpty();
  }

  @Test
  void rejectedValuesFailTheirChangeWithAClearReason() {
    IdentityCenterTarget target = aws.target(WriteMode.IDENTITY_STORE);
    String longName = "x".repeat(1100);
    List<ChangeResult> results =
        target.apply(
            List.of(
                new Change.CreateUser(
                    ObjectRef.pending("a", "a b@example.com"),
                    new UserAttributes(
                        "a b@example.com", "A", "B", "A B", "a@example.com", true, null),
                    "t"),
                new Change.CreateUser(
                    ObjectRef.pending("b", "b@example.com"),
                    new UserAttributes(
                        "b@example.com", "B", longName, "B x", "b@example.com", true, null),
                    "t"),
                new Change.CreateUser(
                    ObjectRef.pending("c", "c@example.com"),
                    new UserAttributes(
                        "c@example.com", "C", "Cee", "C Cee", "c@example.com", true, null),
                    "t")));
    assertThat(results.get(0).error())
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
    assertThat(results.get(1).error())
        .satisfies(e -> assertThat(e.getMessage()).contains("longer than 1024"));
    assertThat(results.get(2).applied()).isTrue();
    ChangeResult empty =
        target
            .apply(
                List.of(
                    new Change.UpdateUser(
                        ObjectRef.existing(results.get(2).targetId(), "c", "c@example.com"),
                        new UserAttributes(
                            "c@example.com", "C", "Cee", "C Cee", "c@example.com", true, null),
                        List.of(
                            new io.github.ssosync.change.AttributeChange(
                                "displayName", "C Cee", "")),
                        "t")))
            .get(0);
    assertThat(empty.error())
        .satisfies(e -> assertThat(e.getMessage()).contains("displayName must not be empty"));
  }

  @Test
  void aConflictOnCreateNamesTheHolderAndDecidesNothing() {
    IdentityCenterTarget target = aws.target(WriteMode.SCIM);
    Change.CreateUser ann =
        new Change.CreateUser(
            ObjectRef.pending("a1", "ann@example.com"),
            new UserAttributes(
                "ann@example.com", "Ann", "Lee", "Ann Lee", "ann@example.com", true, "a1"),
            "t");
    String first = target.apply(List.of(ann)).get(0).targetId();
    // The same create again, as after a lost answer or from a concurrent run: the target reports
    // who holds the name, with the anchor it carries, for the engine to decide.
    ChangeResult again = target.apply(List.of(ann)).get(0);
    assertThat(again.applied()).isFalse();
    assertThat(again.error()).satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
    NameHolder holder = java.util.Objects.requireNonNull(again.holder());
    assertThat(holder.targetId()).isEqualTo(first);
    assertThat(holder.name()).isEqualTo("ann@example.com");
    assertThat(target.capabilities().isOurs(holder, "a1", "ann@example.com")).isTrue();
    // What the engine sends when the holder is ours: the same create with the holder's id, which
    // makes nothing new.
    ChangeResult taken =
        target
            .apply(
                List.of(
                    new Change.CreateUser(
                        ann.user().withTargetId(first), ann.attributes(), ann.reason())))
            .get(0);
    assertThat(taken.applied()).isTrue();
    assertThat(taken.targetId()).isEqualTo(first);
    assertThat(aws.emulator.users()).hasSize(1);
    // A hand-made user holding the name carries no anchor: not ours by the target's own rule.
    TargetUser hand = aws.emulator.createUnmanagedUser("bob@example.com", "Bob", "Hand");
    ChangeResult bob =
        target
            .apply(
                List.of(
                    new Change.CreateUser(
                        ObjectRef.pending("b1", "bob@example.com"),
                        new UserAttributes(
                            "bob@example.com",
                            "Bob",
                            "Ray",
                            "Bob Ray",
                            "bob@example.com",
                            true,
                            "b1"),
                        "t")))
            .get(0);
    NameHolder handHolder = java.util.Objects.requireNonNull(bob.holder());
    assertThat(handHolder.targetId()).isEqualTo(hand.id());
    assertThat(handHolder.externalIds()).isEmpty();
    assertThat(target.capabilities().isOurs(handHolder, "b1", "bob@example.com")).isFalse();
    assertThat(aws.emulator.users()).contains(hand);
  }

  @Test
  void badConfigurationIsReportedAtOnceBeforeAnythingIsCalled() {
    assertThatThrownBy(
            () ->
                IdentityCenterTarget.builder()
                    .writeMode(WriteMode.SCIM)
                    .scimEndpoint(URI.create("http://scim.example.com/scim/v2/"))
                    .identityStoreId("nope")
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "scimEndpoint is set but scimToken is not: SCIM writes need both (ssosync's"
                            + " --endpoint and --access-token); give the token, or drop the"
                            + " endpoint and choose writeMode(IDENTITY_STORE)",
                        "scimEndpoint \"http://scim.example.com/scim/v2/\": must use https (plain http only for loopback test endpoints); the token would travel in clear",
                        "region: required (or give identityStoreClient); the region of the IAM Identity Center instance, e.g. eu-west-1",
                        "identityStoreId \"nope\": not an identity store id such as d-1234567890"));
  }

  @Test
  void anInitialSyncMakesExactlyTheCallsTheFormulaGives() {
    DirectoryContent content =
        SyntheticDirectory.builder()
            .seed(5)
            .users(1000)
            .groups(100)
            .memberships(2000)
            .nestedFraction(0)
            .externalFraction(0)
            .suspendedFraction(0)
            .archivedFraction(0)
            .build();
    InMemoryDirectorySource source = new InMemoryDirectorySource(content);
    SyncReport report = sync(source, aws.target(WriteMode.SCIM));
    assertThat(report.failures()).isEmpty();
    int users =
        (int)
            content.members().values().stream()
                .flatMap(List::stream)
                .map(DirectoryMember::id)
                .distinct()
                .count();
    long patches = 0;
    long descriptions = 0;
    for (DirectoryGroup g : content.groups()) {
      int members = content.members().get(g.id()).size();
      patches += (Math.max(0, members - 100) + 99) / 100; // the first 100 ride on the create
      descriptions += g.description() == null ? 0 : 1; // SCIM groups have no description
    }
    Map<String, Long> scim = aws.emulator.scimCalls();
    Map<String, Long> ids = aws.emulator.identityStoreCalls();
    // Reads of an empty store: one page of users, one of groups, no memberships.
    assertThat(ids.get("AWSIdentityStore.ListUsers")).isEqualTo(1);
    assertThat(ids.get("AWSIdentityStore.ListGroups")).isEqualTo(1);
    assertThat(ids.getOrDefault("AWSIdentityStore.UpdateGroup", 0L)).isEqualTo(descriptions);
    assertThat(scim.get("scim.CreateUser")).isEqualTo(users);
    assertThat(scim.get("scim.CreateGroup")).isEqualTo(100);
    assertThat(scim.getOrDefault("scim.PatchGroup", 0L)).isEqualTo(patches);
    assertThat(scim.get("scim.ListUsers")).isEqualTo(1); // the endpoint and token check
    assertThat(scim.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(users + 100 + patches + 1);
    // The report adds the directory side: one read of the in-memory source.
    assertThat(report.apiCalls()).containsEntry("memory.read", 1L);
    assertThat(report.totalApiCalls()).isEqualTo(1 + users + 100 + patches + 1 + 2 + descriptions);
  }
}
