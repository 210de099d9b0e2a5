package io.github.ssosync.plan;

import static io.github.ssosync.plan.Fixtures.CAPS;
import static io.github.ssosync.plan.Fixtures.ISSUER;
import static io.github.ssosync.plan.Fixtures.group;
import static io.github.ssosync.plan.Fixtures.m;
import static io.github.ssosync.plan.Fixtures.of;
import static io.github.ssosync.plan.Fixtures.plan;
import static io.github.ssosync.plan.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.plan.Fixtures.Dir;
import io.github.ssosync.plan.Fixtures.Tgt;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.AttributeLimits;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.TargetCapabilities;
import io.github.ssosync.targets.TargetUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeMappingPlanTest {
  private static final TargetCapabilities ALL =
      TargetCapabilities.builder()
          .anchorIssuer(ISSUER)
          .canDisableUsers(true)
          .allUserAttributes()
          .build();

  private static DirectoryUser person(String id, Map<String, String> attributes) {
    return new DirectoryUser(
        id, id + "@example.com", "Given" + id, "Family" + id, false, false, "/", attributes);
  }

  private static SyncPolicy mapping(AttributeMapping.Builder m) {
    return policy().attributeMapping(m.build()).build();
  }

  private static TargetUser held(DirectoryUser u, String id, Map<UserAttribute, String> values) {
    return new TargetUser(
        id,
        u.primaryEmail(),
        u.givenName() + " " + u.familyName(),
        u.givenName(),
        u.familyName(),
        u.primaryEmail(),
        true,
        List.of(new ExternalId(ISSUER, u.id())),
        Fixtures.NOW,
        values);
  }

  @Test
  void onlyMappedAttributesAreComparedAndEachChangeShowsOldAndNew() {
    DirectoryUser ann = person("ann", Map.of("organizations.department", "Eng"));
    DirectoryGroup all = group("all");
    Tgt target = new Tgt();
    target.caps = ALL;
    target.users.add(
        held(
            ann,
            "t-ann",
            Map.of(UserAttribute.DEPARTMENT, "Sales", UserAttribute.DIVISION, "set by hand")));
    SyncPlan plan =
        plan(
            new Dir().users(ann).group(all, true, m(ann)),
            target,
            mapping(AttributeMapping.builder().mapSuggested(List.of("department", "title"))));
    Change.UpdateUser update = (Change.UpdateUser) of(plan, ChangeKind.UPDATE_USER).get(0);
    // department repaired, title (mapped, empty in the directory, unset in AWS) untouched, the
    // division (not mapped) never compared.
    assertThat(update.changes())
        .containsExactly(new AttributeChange("enterprise.department", "Sales", "Eng"));
  }

  @Test
  void aManagerCreatedInTheSameRunIsCreatedFirstAndTheReportCarriesIt() {
    DirectoryUser boss = person("boss", Map.of());
    DirectoryUser ann = person("ann", Map.of("relations.manager", "BOSS@example.com"));
    Tgt target = new Tgt();
    target.caps = ALL;
    SyncPlan plan =
        plan(
            new Dir().users(ann, boss).group(group("all"), true, m(ann), m(boss)),
            target,
            mapping(AttributeMapping.builder().mapSuggested(List.of("manager"))));
    List<Change> changes = plan.changes();
    int annCreate = indexOf(changes, ChangeKind.CREATE_USER, "ann@example.com");
    int bossCreate = indexOf(changes, ChangeKind.CREATE_USER, "boss@example.com");
    Change.CreateUser create = (Change.CreateUser) changes.get(annCreate);
    assertThat(create.attributes().manager()).isNotNull();
    assertThat(create.attributes().manager().sourceId()).isEqualTo("boss");
    assertThat(plan.order().get(annCreate).dependsOn()).contains(bossCreate);
    assertThat(plan.phase(annCreate)).isEqualTo(plan.phase(bossCreate));
    int[] waves = ApplyStep.waves(plan.order());
    assertThat(waves[annCreate]).isGreaterThan(waves[bossCreate]);
    assertThat(of(plan, ChangeKind.UPDATE_USER)).as("no extra call").isEmpty();
  }

  @Test
  void managersInACycleAreLinkedByAnUpdateOnceBothExist() {
    DirectoryUser a = person("a", Map.of("relations.manager", "b@example.com"));
    DirectoryUser b = person("b", Map.of("relations.manager", "a@example.com"));
    Tgt target = new Tgt();
    target.caps = ALL;
    SyncPlan plan =
        plan(
            new Dir().users(a, b).group(group("all"), true, m(a), m(b)),
            target,
            mapping(AttributeMapping.builder().mapSuggested(List.of("manager"))));
    List<Change> updates = of(plan, ChangeKind.UPDATE_USER);
    assertThat(updates).hasSize(1);
    Change.UpdateUser link = (Change.UpdateUser) updates.get(0);
    assertThat(link.changes())
        .extracting(AttributeChange::attribute)
        .containsExactly("enterprise.manager");
    int i = plan.changes().indexOf(link);
    assertThat(plan.phase(i)).isEqualTo(ApplyStep.USER_CREATES);
    assertThat(plan.order().get(i).dependsOn()).hasSize(2);
    long withManager =
        of(plan, ChangeKind.CREATE_USER).stream()
            .filter(c -> ((Change.CreateUser) c).attributes().manager() != null)
            .count();
    assertThat(withManager).as("one create of the cycle carries its manager").isEqualTo(1);
  }

  @Test
  void anExistingUsersNewManagerCreatedInThisRunIsLinkedAfterTheCreate() {
    DirectoryUser boss = person("boss", Map.of());
    DirectoryUser ann = person("ann", Map.of("relations.manager", "boss@example.com"));
    Tgt target = new Tgt();
    target.caps = ALL;
    target.users.add(held(ann, "t-ann", Map.of()));
    SyncPlan plan =
        plan(
            new Dir().users(ann, boss).group(group("all"), true, m(ann), m(boss)),
            target,
            mapping(AttributeMapping.builder().mapSuggested(List.of("manager"))));
    Change.UpdateUser link = (Change.UpdateUser) of(plan, ChangeKind.UPDATE_USER).get(0);
    int i = plan.changes().indexOf(link);
    assertThat(link.changes())
        .containsExactly(new AttributeChange("enterprise.manager", null, "boss@example.com"));
    assertThat(plan.phase(i)).isEqualTo(ApplyStep.USER_CREATES);
    assertThat(plan.order().get(i).dependsOn())
        .containsExactly(indexOf(plan.changes(), ChangeKind.CREATE_USER, "boss@example.com"));
  }

  @Test
  void aManagerOutOfScopeIsWarnedAboutAndTheHeldManagerKept() {
    DirectoryUser ann = person("ann", Map.of("relations.manager", "ceo@example.com"));
    Tgt target = new Tgt();
    target.caps = ALL;
    target.users.add(held(ann, "t-ann", Map.of(UserAttribute.MANAGER, "t-someone")));
    SyncPlan plan =
        plan(
            new Dir().users(ann).group(group("all"), true, m(ann)),
            target,
            mapping(AttributeMapping.builder().mapSuggested(List.of("manager"))));
    assertThat(of(plan, ChangeKind.UPDATE_USER)).isEmpty();
    assertThat(plan.warnings())
        .anySatisfy(
            w -> {
              assertThat(w.kind()).isEqualTo(PlanWarning.Kind.MANAGER_OUT_OF_SCOPE);
              assertThat(w.subject()).isEqualTo("ann@example.com");
              assertThat(w.message()).contains("ceo@example.com");
            });
  }

  @Test
  void anEmptySourceUnsetsAMappedManagerAndTheChangeNamesTheOldOne() {
    DirectoryUser boss = person("boss", Map.of());
    DirectoryUser ann = person("ann", Map.of());
    Tgt target = new Tgt();
    target.caps = ALL;
    target.users.add(held(boss, "t-boss", Map.of()));
    target.users.add(held(ann, "t-ann", Map.of(UserAttribute.MANAGER, "t-boss")));
    SyncPlan plan =
        plan(
            new Dir().users(ann, boss).group(group("all"), true, m(ann), m(boss)),
            target,
            mapping(AttributeMapping.builder().mapSuggested(List.of("manager"))));
    Change.UpdateUser update = (Change.UpdateUser) of(plan, ChangeKind.UPDATE_USER).get(0);
    assertThat(update.changes())
        .containsExactly(new AttributeChange("enterprise.manager", "boss@example.com", null));
  }

  @Test
  void aTargetThatCannotWriteAnAttributeIsWarnedAboutOnceAndLeftAlone() {
    DirectoryUser ann = person("ann", Map.of("organizations.department", "Eng"));
    DirectoryUser bob = person("bob", Map.of("organizations.department", "Ops"));
    Tgt target = new Tgt(); // CAPS: no optional attributes
    SyncPlan plan =
        plan(
            new Dir().users(ann, bob).group(group("all"), true, m(ann), m(bob)),
            target,
            mapping(AttributeMapping.builder().mapSuggested(List.of("department"))));
    assertThat(CAPS.canWrite(UserAttribute.DEPARTMENT)).isFalse();
    assertThat(plan.warnings())
        .filteredOn(w -> w.kind() == PlanWarning.Kind.CAPABILITY_FALLBACK)
        .singleElement()
        .satisfies(w -> assertThat(w.subject()).isEqualTo("department"));
    of(plan, ChangeKind.CREATE_USER)
        .forEach(c -> assertThat(((Change.CreateUser) c).attributes().optional()).isEmpty());
  }

  @Test
  void aValueTheTargetRefusesIsDroppedWithAWarningAndTheUserStillSynced() {
    DirectoryUser ann = person("ann", Map.of("organizations.title", "x".repeat(40)));
    Tgt target = new Tgt();
    target.caps =
        TargetCapabilities.builder()
            .anchorIssuer(ISSUER)
            .allUserAttributes()
            .limits(
                AttributeLimits.NONE.with(UserAttribute.TITLE, AttributeLimits.Rule.maxLength(32)))
            .build();
    SyncPlan plan =
        plan(
            new Dir().users(ann).group(group("all"), true, m(ann)),
            target,
            mapping(AttributeMapping.builder().mapSuggested(List.of("title"))));
    Change.CreateUser create = (Change.CreateUser) of(plan, ChangeKind.CREATE_USER).get(0);
    assertThat(create.attributes().optional()).doesNotContainKey(UserAttribute.TITLE);
    assertThat(plan.warnings())
        .anySatisfy(
            w -> {
              assertThat(w.kind()).isEqualTo(PlanWarning.Kind.INVALID_ATTRIBUTE);
              assertThat(w.subject()).isEqualTo("ann@example.com");
              assertThat(w.message()).startsWith("title not synced: its title is 40 characters");
            });
  }

  @Test
  void userNamesAndGroupNamesFromTemplatesAndATemplateChangeRenamesInPlace() {
    DirectoryUser ann = person("ann", Map.of("customSchemas.AWS.Username", "ann.admin"));
    DirectoryGroup admins = DirectoryGroup.of("g1", "aws-admins@example.com", "Admins");
    Tgt target = new Tgt();
    target.caps = ALL;
    target.anchoredGroup("t-g1", admins); // named by email today
    SyncPlan plan =
        plan(
            new Dir().users(ann).group(admins, true, m(ann)),
            target,
            mapping(
                AttributeMapping.builder()
                    .map(UserAttribute.USER_NAME, "{custom:AWS.Username}")
                    .groupName("AWS-{email.local|removePrefix:aws-|capitalize}")));
    assertThat(Fixtures.names(plan, ChangeKind.CREATE_USER)).containsExactly("ann.admin");
    Change.UpdateGroup rename = (Change.UpdateGroup) of(plan, ChangeKind.UPDATE_GROUP).get(0);
    assertThat(rename.group().targetId()).isEqualTo("t-g1");
    assertThat(rename.changes())
        .contains(new AttributeChange("displayName", "aws-admins@example.com", "AWS-Admins"));
    assertThat(of(plan, ChangeKind.DELETE_GROUP)).isEmpty();
  }

  private static int indexOf(List<Change> changes, ChangeKind kind, String name) {
    for (int i = 0; i < changes.size(); i++) {
      if (changes.get(i).kind() == kind && changes.get(i).subject().name().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no " + kind + " of " + name);
  }
}
