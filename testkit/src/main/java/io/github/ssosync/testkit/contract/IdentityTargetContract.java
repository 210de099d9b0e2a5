package io.github.ssosync.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ssosync.ProviderException;
import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdentityTarget} must do. Extend it and implement {@link #createTarget()} over
 * an empty store. Tests needing a capability the target lacks are skipped by assumption.
 */
public abstract class IdentityTargetContract {
  private IdentityTarget target;

  /**
   * @return a target over an empty store, fresh for each test
   */
  protected abstract IdentityTarget createTarget();

  /**
   * Puts a user straight into the backing store, as if made by hand. Targets that cannot do so
   * leave this as it is, and the test that needs it is skipped.
   *
   * @param userName user name
   * @param givenName given name
   * @param familyName family name
   */
  protected void createUnmanagedUser(String userName, String givenName, String familyName) {
    org.junit.jupiter.api.Assumptions.abort("this target's test cannot create unmanaged users");
  }

  /** The target under test. */
  protected final IdentityTarget target() {
    return target;
  }

  /** Creates the target. */
  @BeforeEach
  void openTarget() {
    target = createTarget();
  }

  /** Closes the target. */
  @AfterEach
  void closeTarget() {
    if (target != null) {
      target.close();
    }
  }

  // ------------------------------------------------------------------ helpers

  /**
   * @param name a short name, turned into {@code name@example.com}
   * @return a create for a user anchored to {@code "src-" + name}
   */
  protected static Change.CreateUser createUser(String name) {
    String email = name + "@example.com";
    return new Change.CreateUser(
        ObjectRef.pending("src-" + name, email),
        new UserAttributes(
            email,
            "Given" + name,
            "Family" + name,
            "Given" + name + " Family" + name,
            email,
            true,
            "src-" + name),
        "contract");
  }

  /**
   * @param name a group name
   * @param members members to add in the create
   * @return a create for a group anchored to {@code "src-" + name}
   */
  protected static Change.CreateGroup createGroup(String name, List<ObjectRef> members) {
    return new Change.CreateGroup(
        ObjectRef.pending("src-" + name, name),
        new GroupAttributes(name, "About " + name, "src-" + name),
        members,
        "contract");
  }

  /**
   * Applies changes and checks that each one applied.
   *
   * @param changes the changes
   * @return the results
   */
  protected final List<ChangeResult> applyAll(Change... changes) {
    List<ChangeResult> results = target.apply(List.of(changes));
    assertThat(results).hasSize(changes.length);
    for (int i = 0; i < results.size(); i++) {
      ChangeResult r = results.get(i);
      assertThat(r.applied()).as("%s: %s", changes[i].kind(), r.error()).isTrue();
    }
    return results;
  }

  /**
   * Creates a user.
   *
   * @param name the short name
   * @return a reference to it
   */
  protected final ObjectRef newUser(String name) {
    Change.CreateUser c = createUser(name);
    String id = applyAll(c).get(0).targetId();
    assertThat(id).as("a create reports the new id").isNotNull();
    return c.user().withTargetId(Objects.requireNonNull(id));
  }

  /**
   * Creates a group.
   *
   * @param name the name
   * @return a reference to it
   */
  protected final ObjectRef newGroup(String name) {
    Change.CreateGroup c = createGroup(name, List.of());
    String id = applyAll(c).get(0).targetId();
    assertThat(id).as("a create reports the new id").isNotNull();
    return c.group().withTargetId(Objects.requireNonNull(id));
  }

  private TargetSnapshot readAll() {
    return target.read(TargetScope.allGroups());
  }

  private TargetUser user(TargetSnapshot s, String id) {
    return s.users().stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow();
  }

  private TargetGroup group(TargetSnapshot s, String id) {
    return s.groups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
  }

  private static List<String> memberIds(TargetSnapshot s, String groupId) {
    return s.memberships().stream()
        .filter(m -> m.groupId().equals(groupId))
        .map(TargetMembership::userId)
        .toList();
  }

  // ------------------------------------------------------------------ users

  @Test
  void aCreatedUserReadsBackWithItsAttributes() {
    ObjectRef ann = newUser("ann");
    TargetUser u = user(readAll(), ann.requireTargetId());
    assertThat(u.userName()).isEqualTo("ann@example.com");
    assertThat(u.givenName()).isEqualTo("Givenann");
    assertThat(u.familyName()).isEqualTo("Familyann");
    assertThat(u.displayName()).isEqualTo("Givenann Familyann");
    assertThat(u.email()).isEqualTo("ann@example.com");
    assertThat(u.active()).isTrue();
  }

  @Test
  void anchorsReadBackUnderTheAnchorIssuer() {
    TargetCapabilities caps = target.capabilities();
    assumeTrue(caps.storesAnchors(), "target does not store anchors");
    ObjectRef ann = newUser("ann");
    ObjectRef admins = newGroup("admins");
    TargetSnapshot s = readAll();
    assertThat(user(s, ann.requireTargetId()).externalIds())
        .anySatisfy(e -> assertAnchor(caps, e, "src-ann"));
    assertThat(group(s, admins.requireTargetId()).externalIds())
        .anySatisfy(e -> assertAnchor(caps, e, "src-admins"));
  }

  private static void assertAnchor(TargetCapabilities caps, ExternalId e, String id) {
    assertThat(e.id()).isEqualTo(id);
    if (caps.anchorIssuer() != null) {
      assertThat(e.issuer()).isEqualTo(caps.anchorIssuer());
    }
  }

  @Test
  void anUpdateChangesTheGivenAttributesInPlace() {
    ObjectRef ann = newUser("ann");
    applyAll(
        new Change.UpdateUser(
            ann,
            new UserAttributes(
                "anne@example.com",
                "Anne",
                "Familyann",
                "Anne Familyann",
                "anne@example.com",
                true,
                "src-ann"),
            List.of(
                new AttributeChange("userName", "ann@example.com", "anne@example.com"),
                new AttributeChange("name.givenName", "Givenann", "Anne"),
                new AttributeChange("displayName", "Givenann Familyann", "Anne Familyann"),
                new AttributeChange("emails", "ann@example.com", "anne@example.com")),
            "contract"));
    TargetUser u = user(readAll(), ann.requireTargetId());
    assertThat(u.userName()).isEqualTo("anne@example.com");
    assertThat(u.givenName()).isEqualTo("Anne");
    assertThat(u.familyName()).isEqualTo("Familyann");
    assertThat(u.email()).isEqualTo("anne@example.com");
  }

  @Test
  void aUserCanBeDisabledAndEnabledAgain() {
    assumeTrue(target.capabilities().canDisableUsers(), "target cannot disable users");
    ObjectRef ann = newUser("ann");
    applyAll(new Change.DisableUser(ann, null, "contract"));
    assertThat(user(readAll(), ann.requireTargetId()).active()).isFalse();
    applyAll(
        new Change.UpdateUser(
            ann,
            createUser("ann").attributes(),
            List.of(new AttributeChange("active", "false", "true")),
            "contract"));
    assertThat(user(readAll(), ann.requireTargetId()).active()).isTrue();
  }

  @Test
  void aUserNameTakenIgnoringCaseFailsWithAConflictAndTheOthersStillApply() {
    Change.CreateUser ann = createUser("ann");
    Change.CreateUser shouting =
        new Change.CreateUser(
            ObjectRef.pending("src-ANN", "ANN@example.com"),
            new UserAttributes(
                "ANN@example.com", "A", "B", "A B", "ANN@example.com", true, "src-ANN"),
            "contract");
    Change.CreateUser bob = createUser("bob");
    target.apply(List.of(ann));
    List<ChangeResult> results = target.apply(List.of(shouting, bob));
    assertThat(results.get(0).applied()).isFalse();
    assertThat(Objects.requireNonNull(results.get(0).error()).reason())
        .isEqualTo(ProviderException.Reason.CONFLICT);
    assertThat(results.get(1).applied()).isTrue();
    assertThat(readAll().users())
        .extracting(TargetUser::userName)
        .containsExactlyInAnyOrder("ann@example.com", "bob@example.com");
  }

  @Test
  void deletingAUserOrGroupTwiceCountsAsDone() {
    ObjectRef ann = newUser("ann");
    ObjectRef admins = newGroup("admins");
    applyAll(new Change.DeleteUser(ann, "contract"), new Change.DeleteGroup(admins, "contract"));
    applyAll(new Change.DeleteUser(ann, "contract"), new Change.DeleteGroup(admins, "contract"));
    TargetSnapshot s = readAll();
    assertThat(s.users()).isEmpty();
    assertThat(s.groups()).isEmpty();
  }

  @Test
  void updatingAUserThatIsGoneFailsAsNotFound() {
    ObjectRef ann = newUser("ann");
    applyAll(new Change.DeleteUser(ann, "contract"));
    List<ChangeResult> r =
        target.apply(
            List.of(
                new Change.UpdateUser(
                    ann,
                    createUser("ann").attributes(),
                    List.of(new AttributeChange("name.givenName", "Givenann", "X")),
                    "contract")));
    assertThat(r.get(0).applied()).isFalse();
    assertThat(Objects.requireNonNull(r.get(0).error()).reason())
        .isEqualTo(ProviderException.Reason.NOT_FOUND);
  }

  // ------------------------------------------------------------------ groups and memberships

  @Test
  void membershipsAreAddedAndRemoved() {
    ObjectRef ann = newUser("ann");
    ObjectRef bob = newUser("bob");
    ObjectRef admins = newGroup("admins");
    applyAll(
        new Change.AddMembership(admins, ann, "contract"),
        new Change.AddMembership(admins, bob, "contract"));
    TargetSnapshot s = readAll();
    assertThat(s.membershipsRead()).contains(admins.requireTargetId());
    assertThat(memberIds(s, admins.requireTargetId()))
        .containsExactlyInAnyOrder(ann.requireTargetId(), bob.requireTargetId());
    String membershipId =
        s.memberships().stream()
            .filter(m -> m.userId().equals(bob.requireTargetId()))
            .findFirst()
            .orElseThrow()
            .id();
    applyAll(new Change.RemoveMembership(admins, bob, membershipId, "contract"));
    assertThat(memberIds(readAll(), admins.requireTargetId()))
        .containsExactly(ann.requireTargetId());
  }

  @Test
  void addingAnExistingMembershipOrRemovingAMissingOneCountsAsDone() {
    ObjectRef ann = newUser("ann");
    ObjectRef bob = newUser("bob");
    ObjectRef admins = newGroup("admins");
    applyAll(new Change.AddMembership(admins, ann, "contract"));
    // As a second, concurrent run would: the state it wants already holds.
    applyAll(
        new Change.AddMembership(admins, ann, "contract"),
        new Change.RemoveMembership(admins, bob, null, "contract"));
    assertThat(memberIds(readAll(), admins.requireTargetId()))
        .containsExactly(ann.requireTargetId());
  }

  @Test
  void aGroupRenameKeepsItsIdAndMembers() {
    ObjectRef ann = newUser("ann");
    ObjectRef admins = newGroup("admins");
    applyAll(new Change.AddMembership(admins, ann, "contract"));
    applyAll(
        new Change.UpdateGroup(
            admins,
            new GroupAttributes("root", "About root", "src-admins"),
            List.of(
                new AttributeChange("displayName", "admins", "root"),
                new AttributeChange("description", "About admins", "About root")),
            "contract"));
    TargetSnapshot s = readAll();
    TargetGroup g = group(s, admins.requireTargetId());
    assertThat(g.displayName()).isEqualTo("root");
    assertThat(g.description()).isEqualTo("About root");
    assertThat(memberIds(s, g.id())).containsExactly(ann.requireTargetId());
  }

  @Test
  void aNewGroupCanCarryItsFirstMembers() {
    int inline = target.capabilities().maxMembersOnGroupCreate();
    assumeTrue(inline >= 2, "target takes no inline members");
    ObjectRef ann = newUser("ann");
    ObjectRef bob = newUser("bob");
    String id = applyAll(createGroup("admins", List.of(ann, bob))).get(0).targetId();
    assertThat(memberIds(readAll(), Objects.requireNonNull(id)))
        .containsExactlyInAnyOrder(ann.requireTargetId(), bob.requireTargetId());
  }

  @Test
  void manyMembershipChangesOfOneGroupApplyTogether() {
    ObjectRef admins = newGroup("admins");
    List<Change> adds = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      adds.add(new Change.AddMembership(admins, newUser("u" + i), "contract"));
    }
    List<ChangeResult> results = target.apply(adds);
    assertThat(results).hasSize(130).allMatch(ChangeResult::applied);
    assertThat(memberIds(readAll(), admins.requireTargetId())).hasSize(130);
  }

  @Test
  void aReadIncludesOnlyTheMembershipsOfGroupsInScope() {
    ObjectRef ann = newUser("ann");
    ObjectRef admins = newGroup("admins");
    ObjectRef devs = newGroup("devs");
    applyAll(
        new Change.AddMembership(admins, ann, "contract"),
        new Change.AddMembership(devs, ann, "contract"));
    TargetSnapshot s = target.read(g -> g.displayName().equals("admins"));
    assertThat(s.groups()).hasSize(2);
    assertThat(s.membershipsRead()).containsExactly(admins.requireTargetId());
    assertThat(s.memberships())
        .extracting(TargetMembership::groupId)
        .containsOnly(admins.requireTargetId());
  }

  @Test
  void aReadReturnsEveryUserPastOnePage() {
    for (int i = 0; i < 120; i++) {
      newUser("p" + i);
    }
    assertThat(readAll().users()).hasSize(120);
  }

  @Test
  void anUnmanagedUserReadsBackWithoutOurAnchor() {
    createUnmanagedUser("hand@example.com", "Hand", "Made");
    TargetCapabilities caps = target.capabilities();
    TargetUser hand =
        readAll().users().stream()
            .filter(u -> u.userName().equals("hand@example.com"))
            .findFirst()
            .orElseThrow();
    assertThat(hand.externalIds())
        .noneMatch(e -> caps.anchorIssuer() == null || caps.anchorIssuer().equals(e.issuer()));
  }
}
