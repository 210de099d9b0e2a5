package io.github.ssosync.plan;

import static io.github.ssosync.change.ChangeKind.CREATE_GROUP;
import static io.github.ssosync.change.ChangeKind.CREATE_USER;
import static io.github.ssosync.plan.Fixtures.ISSUER;
import static io.github.ssosync.plan.Fixtures.NOW;
import static io.github.ssosync.plan.Fixtures.names;
import static io.github.ssosync.plan.Fixtures.of;
import static io.github.ssosync.plan.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.ssosync.change.Change;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.GroupNameSource;
import io.github.ssosync.plan.Fixtures.Dir;
import io.github.ssosync.plan.Fixtures.Tgt;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.AttributeLimits;
import io.github.ssosync.targets.AttributeLimits.Attribute;
import io.github.ssosync.targets.AttributeLimits.Rule;
import io.github.ssosync.targets.TargetCapabilities;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The planner keeps values a target refuses, attribute by attribute, away from the target. */
class RefusedValuesTest {
  // Shaped like IAM Identity Center's rules: group names refuse the ideographic space that other
  // values accept, and two names are reserved.
  private static final Pattern TEXT = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P} \u3000]+");
  private static final Pattern GROUP_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P} ]+");
  private static final Set<String> RESERVED = Set.of("Administrator", "AWSAdministrators");
  private static final AttributeLimits LIMITS =
      AttributeLimits.NONE
          .with(Attribute.USER_NAME, new Rule(128, Pattern.compile("\\S+"), RESERVED))
          .with(Attribute.USER_GIVEN_NAME, new Rule(1024, TEXT, Set.of()))
          .with(Attribute.USER_FAMILY_NAME, new Rule(1024, TEXT, Set.of()))
          .with(Attribute.USER_DISPLAY_NAME, new Rule(1024, TEXT, Set.of()))
          .with(Attribute.USER_EMAIL, new Rule(1024, TEXT, Set.of()))
          .with(Attribute.GROUP_DISPLAY_NAME, new Rule(1024, GROUP_NAME, RESERVED))
          .with(Attribute.GROUP_DESCRIPTION, new Rule(1024, TEXT, Set.of()));

  private static SyncPlan plan(Dir dir, SyncPolicy policy) {
    Tgt target = new Tgt();
    target.caps =
        TargetCapabilities.builder()
            .anchorIssuer(ISSUER)
            .canDisableUsers(true)
            .limits(LIMITS)
            .build();
    return Planner.plan(dir.snapshot(), target.snapshot(), policy, NOW);
  }

  @Test
  void aUserWithAnInvisibleCharacterInANameIsSkippedAndNamed() {
    DirectoryUser ann = DirectoryUser.of("ann", "ann@example.com", "Ann", "Lee");
    DirectoryUser zed = DirectoryUser.of("zed", "zed@example.com", "Ze\u200bd", "Kim");
    DirectoryUser yu = DirectoryUser.of("yu", "yu@example.com", "Yu\u3000Na", "Park");
    DirectoryGroup g = DirectoryGroup.of("g", "aws-g@example.com", "G");
    Dir dir =
        new Dir()
            .users(ann, zed, yu)
            .group(
                g,
                true,
                DirectoryMember.user(ann),
                DirectoryMember.user(zed),
                DirectoryMember.user(yu));
    SyncPlan plan = plan(dir, policy().build());
    // The ideographic space is allowed in user names (not in group names): Yu is synced.
    assertThat(names(plan, CREATE_USER))
        .containsExactlyInAnyOrder("ann@example.com", "yu@example.com");
    assertThat(plan.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.kind()).isEqualTo(PlanWarning.Kind.INVALID_ATTRIBUTE);
              assertThat(w.subject()).isEqualTo("zed@example.com");
              assertThat(w.message()).contains("given name").contains("U+200B");
            });
  }

  @Test
  void aGroupWithAReservedOrRefusedNameIsSkippedAndADescriptionItCanLiveWithoutIsDropped() {
    DirectoryUser ann = DirectoryUser.of("ann", "ann@example.com", "Ann", "Lee");
    DirectoryGroup reserved = DirectoryGroup.of("r", "admins@example.com", "AWSAdministrators");
    DirectoryGroup ideographic = DirectoryGroup.of("i", "jp@example.com", "開発\u3000チーム");
    DirectoryGroup described = new DirectoryGroup("d", "dev@example.com", "Dev", "line\u0007bell");
    Dir dir =
        new Dir()
            .users(ann)
            .group(reserved, true, DirectoryMember.user(ann))
            .group(ideographic, true, DirectoryMember.user(ann))
            .group(described, true, DirectoryMember.user(ann));
    SyncPolicy byName =
        policy()
            .attributeMapping(AttributeMapping.builder().groupName(GroupNameSource.NAME).build())
            .build();
    SyncPlan plan = plan(dir, byName);
    assertThat(names(plan, CREATE_GROUP)).containsExactly("Dev");
    assertThat(((Change.CreateGroup) of(plan, CREATE_GROUP).get(0)).attributes().description())
        .isNull();
    assertThat(plan.warnings())
        .extracting(PlanWarning::kind, PlanWarning::subject)
        .containsExactlyInAnyOrder(
            tuple(PlanWarning.Kind.INVALID_ATTRIBUTE, "admins@example.com"),
            tuple(PlanWarning.Kind.INVALID_ATTRIBUTE, "jp@example.com"),
            tuple(PlanWarning.Kind.INVALID_ATTRIBUTE, "dev@example.com"));
    assertThat(plan.warnings())
        .extracting(PlanWarning::message)
        .anySatisfy(
            m -> assertThat(m).contains("\"AWSAdministrators\" is a name the target reserves"))
        .anySatisfy(m -> assertThat(m).contains("U+3000"))
        .anySatisfy(
            m -> assertThat(m).startsWith("synced without its description").contains("U+0007"));
  }
}
