package io.github.ssosync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.SyntheticDirectory;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.targets.TargetUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ten mapped attributes from Google profiles and a custom schema, through the real Google client
 * and the real AWS SDK, in each write mode: the first sync costs exactly the calls of a sync that
 * maps none (the values travel in the reads and the creates), the store holds what the directory
 * says, and the next run writes nothing.
 */
@Timeout(120)
class AttributeMappingEndToEndTest {
  private static final DirectoryContent DIRECTORY =
      SyntheticDirectory.builder()
          .seed(15)
          .users(80)
          .groups(6)
          .memberships(200)
          .selectedGroupFraction(1.0)
          .userAttributes(true)
          .build();

  private static final SyncPolicy PLAIN = Directories.policy();

  private static final SyncPolicy TEN =
      PLAIN.toBuilder()
          .attributeMapping(
              AttributeMapping.builder()
                  .mapSuggested(
                      List.of("title", "department", "costCenter", "employeeNumber", "manager"))
                  .map(UserAttribute.PHONE_NUMBER, "{phones.work}")
                  .map(UserAttribute.LOCALITY, "{addresses.locality}")
                  .map(UserAttribute.PREFERRED_LANGUAGE, "{languages}")
                  .map(UserAttribute.DIVISION, "L{custom:Employment.level}")
                  .map(UserAttribute.NICK_NAME, "{givenName|lower}")
                  .build())
          .build();

  /**
   * The calls of a run but the SCIM endpoint check (one {@code GET Users?count=1} before the first
   * read, the same with or without a mapping), which the rig's short read timeout may retry on a
   * loaded machine.
   */
  private static Map<String, Long> withoutEndpointCheck(Map<String, Long> calls) {
    Map<String, Long> out = new TreeMap<>(calls);
    out.remove("scim.ListUsers");
    return out;
  }

  @ParameterizedTest
  @EnumSource(WriteMode.class)
  void tenMappedAttributesCostNoCallAndConverge(WriteMode mode) {
    Map<String, Long> plainCalls;
    try (Rig rig = new Rig(DIRECTORY, mode)) {
      SyncReport plain = rig.sync(PLAIN);
      assertThat(plain.failures()).isEmpty();
      plainCalls = withoutEndpointCheck(plain.apiCalls());
    }
    try (Rig rig = new Rig(DIRECTORY, mode)) {
      SyncReport first = rig.sync(TEN);
      assertThat(first.failures()).isEmpty();
      assertThat(withoutEndpointCheck(first.apiCalls()))
          .as("the same calls, operation by operation, as a sync that maps nothing")
          .isEqualTo(plainCalls);

      Map<String, DirectoryUser> byEmail = new HashMap<>();
      DIRECTORY.users().forEach(u -> byEmail.put(u.primaryEmail(), u));
      Map<String, String> nameById = new HashMap<>();
      List<TargetUser> stored = rig.aws.users();
      stored.forEach(u -> nameById.put(u.id(), u.userName()));
      assertThat(stored).isNotEmpty();
      boolean enterprise = rig.target().build().capabilities().canWrite(UserAttribute.DEPARTMENT);
      for (TargetUser t : stored) {
        DirectoryUser d = byEmail.get(t.userName());
        assertThat(t.optional().get(UserAttribute.LOCALITY))
            .isEqualTo(d.attributes().get("addresses.locality"));
        assertThat(t.optional().get(UserAttribute.NICK_NAME))
            .isEqualTo(d.givenName().toLowerCase(java.util.Locale.ROOT));
        if (enterprise) {
          assertThat(t.optional().get(UserAttribute.DEPARTMENT))
              .isEqualTo(d.attributes().get("organizations.department"));
          assertThat(t.optional().get(UserAttribute.DIVISION))
              .isEqualTo("L" + d.attributes().get("customSchemas.Employment.level"));
          String manager = d.attributes().get("relations.manager");
          String held = t.optional().get(UserAttribute.MANAGER);
          if (manager == null) {
            assertThat(held).as("%s has no manager in the directory", t.userName()).isNull();
          } else if (held != null) {
            assertThat(nameById.get(held)).isEqualTo(manager);
          } else {
            assertThat(first.plan().warnings())
                .as("%s has no manager: it must be out of scope", t.userName())
                .anySatisfy(
                    w -> {
                      assertThat(w.kind()).isEqualTo(PlanWarning.Kind.MANAGER_OUT_OF_SCOPE);
                      assertThat(w.subject()).isEqualTo(t.userName());
                    });
          }
        }
      }
      if (!enterprise) {
        assertThat(first.plan().warnings())
            .filteredOn(w -> w.kind() == PlanWarning.Kind.CAPABILITY_FALLBACK)
            .extracting(PlanWarning::subject)
            .contains("department", "manager");
      }
      assertThat(rig.plan(TEN).changes()).as("the next run writes nothing").isEmpty();
    }
  }
}
