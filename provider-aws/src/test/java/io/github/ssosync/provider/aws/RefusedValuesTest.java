package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.InMemoryDirectorySource;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.GroupNameSource;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.AttributeLimits;
import io.github.ssosync.targets.AttributeLimits.Attribute;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.ValidationException;

/**
 * Values IAM Identity Center refuses: the emulator refuses them as the service does, on both front
 * ends, and the planner, knowing the target's limits, never sends them.
 */
class RefusedValuesTest {
  /** Values around the rules: white space, invisible characters, reserved names, lengths. */
  private static final List<String> SAMPLES =
      List.of(
          "plain",
          "two words",
          "tab\there",
          "no\u00a0break",
          "ideographic\u3000space",
          "em\u2003space",
          "zero\u200bwidth",
          "bell\u0007",
          "Ünïcödé-ñame",
          "emoji\uD83D\uDE00",
          "joined\uD83D\uDC69\u200D\uD83D\uDCBB",
          "Administrator",
          "awsadministrators",
          "x".repeat(128),
          "x".repeat(129),
          "x".repeat(1024),
          "x".repeat(1025),
          "   ");

  private final AwsFixture aws = new AwsFixture();
  private final IdentitystoreClient sdk =
      IdentitystoreClient.builder()
          .endpointOverride(aws.emulator.identityStoreEndpoint())
          .region(Region.of(aws.emulator.region()))
          .credentialsProvider(AwsFixture.CREDENTIALS)
          .build();

  @AfterEach
  void stop() {
    sdk.close();
    aws.close();
  }

  private String store() {
    return aws.emulator.identityStoreId();
  }

  @Test
  void theIdentityStoreApiRefusesWhatTheServiceRefuses() {
    assertThatThrownBy(
            () -> sdk.createGroup(r -> r.identityStoreId(store()).displayName("AWSAdministrators")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage()).contains("reserved");
            });
    assertThatThrownBy(
            () -> sdk.createGroup(r -> r.identityStoreId(store()).displayName("Dev\u3000Team")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                sdk.createUser(
                    r ->
                        r.identityStoreId(store())
                            .userName("ann@example.com")
                            .name(n -> n.givenName("A\u200bnn").familyName("Lee"))
                            .displayName("Ann Lee")))
        .isInstanceOf(ValidationException.class);
    // The ideographic space is refused only in group names.
    sdk.createUser(
        r ->
            r.identityStoreId(store())
                .userName("yu@example.com")
                .name(n -> n.givenName("Yu").familyName("Park"))
                .displayName("Yu\u3000Park"));
    assertThat(aws.emulator.users())
        .extracting(TargetUser::displayName)
        .containsExactly("Yu\u3000Park");
  }

  @Test
  void thePlannerRefusesExactlyWhatTheServiceRefuses() {
    AttributeLimits limits = aws.target(WriteMode.SCIM).capabilities().limits();
    List<String> disagreements = new ArrayList<>();
    int n = 0;
    for (String v : SAMPLES) {
      n++;
      String suffix = "-" + n;
      check(
          disagreements, limits, Attribute.USER_NAME, v, () -> createUser(v, "G", "F", "D", "e@x"));
      check(
          disagreements,
          limits,
          Attribute.USER_GIVEN_NAME,
          v,
          () -> createUser("g" + suffix, v, "F", "D", "e@x"));
      check(
          disagreements,
          limits,
          Attribute.USER_FAMILY_NAME,
          v,
          () -> createUser("f" + suffix, "G", v, "D", "e@x"));
      check(
          disagreements,
          limits,
          Attribute.USER_DISPLAY_NAME,
          v,
          () -> createUser("d" + suffix, "G", "F", v, "e@x"));
      check(
          disagreements,
          limits,
          Attribute.USER_EMAIL,
          v,
          () -> createUser("e" + suffix, "G", "F", "D", v));
      check(
          disagreements,
          limits,
          Attribute.GROUP_DISPLAY_NAME,
          v,
          () -> sdk.createGroup(r -> r.identityStoreId(store()).displayName(v)));
      check(
          disagreements,
          limits,
          Attribute.GROUP_DESCRIPTION,
          v,
          () ->
              sdk.createGroup(
                  r -> r.identityStoreId(store()).displayName("g" + suffix).description(v)));
    }
    assertThat(disagreements).isEmpty();
  }

  private void createUser(
      String userName, String given, String family, String display, String email) {
    sdk.createUser(
        r ->
            r.identityStoreId(store())
                .userName(userName)
                .name(x -> x.givenName(given).familyName(family))
                .displayName(display)
                .emails(e -> e.value(email).type("work").primary(true)));
  }

  private static void check(
      List<String> disagreements,
      AttributeLimits limits,
      Attribute attribute,
      String value,
      Runnable create) {
    boolean plannerRefuses = limits.problem(attribute, value) != null;
    boolean serviceRefuses;
    try {
      create.run();
      serviceRefuses = false;
    } catch (ValidationException e) {
      serviceRefuses = true;
    }
    if (plannerRefuses != serviceRefuses) {
      disagreements.add(
          attribute
              + " "
              + escape(value)
              + ": planner "
              + plannerRefuses
              + ", service "
              + serviceRefuses);
    }
  }

  private static String escape(String v) {
    StringBuilder b = new StringBuilder();
    v.codePoints()
        .limit(20)
        .forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
    return b + (v.length() > 20 ? "...(" + v.length() + ")" : "");
  }

  @Test
  void theScimEndpointRefusesTheSameValuesWithA400() {
    IdentityCenterTarget target = aws.target(WriteMode.SCIM);
    List<ChangeResult> results =
        target.apply(
            List.of(
                new Change.CreateGroup(
                    ObjectRef.pending("g", "Administrator"),
                    new GroupAttributes("Administrator", null, "g"),
                    List.of(),
                    "t"),
                new Change.CreateUser(
                    ObjectRef.pending("u", "zed@example.com"),
                    new UserAttributes(
                        "zed@example.com",
                        "Ze\u200bd",
                        "Kim",
                        "Zed Kim",
                        "zed@example.com",
                        true,
                        "u"),
                    "t")));
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.applied()).isFalse();
              assertThat(Objects.requireNonNull(r.error()).reason()).isEqualTo(Reason.INVALID);
              assertThat(r.error().getMessage()).contains("SCIM 400");
            });
    assertThat(results.get(0).error().getMessage()).contains("reserved");
    assertThat(aws.emulator.users()).isEmpty();
    assertThat(aws.emulator.groups()).isEmpty();
  }

  @Test
  void aSyncSkipsWhatTheServiceWouldRefuseAndNamesIt() {
    DirectoryUser ann = DirectoryUser.of("1", "ann@example.com", "Ann", "Lee");
    DirectoryUser zed = DirectoryUser.of("2", "zed@example.com", "Ze\u200bd", "Kim");
    DirectoryGroup admins = DirectoryGroup.of("g1", "admins@example.com", "AWSAdministrators");
    DirectoryGroup ops = new DirectoryGroup("g2", "ops@example.com", "Ops", "on call\u0007 rota");
    InMemoryDirectorySource source =
        new InMemoryDirectorySource(
            DirectoryContent.builder()
                .user(ann)
                .user(zed)
                .group(admins, DirectoryMember.user(ann))
                .group(ops, DirectoryMember.user(ann), DirectoryMember.user(zed))
                .build());
    SyncPolicy policy =
        SyncPolicy.builder()
            .groupMatch("*")
            .deletionGuard(DeletionGuard.OFF)
            .attributeMapping(AttributeMapping.builder().groupName(GroupNameSource.NAME).build())
            .build();
    SyncReport report =
        SyncEngine.builder()
            .source(source)
            .target(aws.target(WriteMode.SCIM))
            .policy(policy)
            .build()
            .sync();
    assertThat(report.failures()).isEmpty();
    assertThat(report.plan().warnings())
        .extracting(PlanWarning::kind, PlanWarning::subject)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                PlanWarning.Kind.INVALID_ATTRIBUTE, "zed@example.com"),
            org.assertj.core.groups.Tuple.tuple(
                PlanWarning.Kind.INVALID_ATTRIBUTE, "admins@example.com"),
            org.assertj.core.groups.Tuple.tuple(
                PlanWarning.Kind.INVALID_ATTRIBUTE, "ops@example.com"));
    assertThat(aws.emulator.users())
        .extracting(TargetUser::userName)
        .containsExactly("ann@example.com");
    assertThat(aws.emulator.groups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.displayName()).isEqualTo("Ops");
              assertThat(g.description()).as("dropped, the group kept").isNull();
            });
    assertThat(aws.emulator.groups())
        .extracting(TargetGroup::displayName)
        .doesNotContain("AWSAdministrators");
  }
}
