package io.github.ssosync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.GroupNameSource;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetUser;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile directories, synced through the real clients: every user and group is synced exactly as
 * the directory has it (values stripped) or skipped with a warning naming it; never a crash, never
 * a failed or half-written object; and the next run has nothing to do.
 */
@Timeout(300)
class BadInputPropertiesTest {
  /**
   * Each example is a whole sync against fresh emulators; a few dozen cover the fragments. Seeded,
   * so a run in CI replays; {@code -Dssosync.badInput.examples=500 -Dssosync.badInput.seed=N} hunts
   * further.
   */
  private static final int EXAMPLES = Integer.getInteger("ssosync.badInput.examples", 24);

  private static final long SEED = Long.getLong("ssosync.badInput.seed", 20261202L);

  /** Group names come from the directory's names (not emails), so they carry the hostile text. */
  private static final SyncPolicy POLICY =
      Directories.policy().toBuilder()
          .attributeMapping(AttributeMapping.builder().groupName(GroupNameSource.NAME).build())
          .build();

  @Test
  void everyObjectIsSyncedExactlyOrSkippedWithAWarningAndTheStoreConverges() {
    qt().withFixedSeed(SEED)
        .withExamples(EXAMPLES)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              DirectoryContent directory = HostileDirectory.generate(seed);
              WriteMode mode = (seed & 1) == 0 ? WriteMode.SCIM : WriteMode.IDENTITY_STORE;
              try (Rig rig = new Rig(directory, mode)) {
                SyncReport report = rig.sync(POLICY);
                assertThat(report.failures()).as("seed %d: failed or half-written", seed).isEmpty();
                Audit.assertReportExact(report, rig.aws);
                assertEverythingSyncedOrWarned(directory, report, rig);
                rig.assertConverges(POLICY);
              }
            });
  }

  private static void assertEverythingSyncedOrWarned(
      DirectoryContent directory, SyncReport report, Rig rig) {
    Set<String> warned = new HashSet<>();
    for (PlanWarning w : report.plan().warnings()) {
      assertThat(w.message()).isNotBlank();
      warned.add(w.subject());
    }
    List<TargetGroup> groups = rig.aws.groups();
    List<TargetUser> users = rig.aws.users();
    for (DirectoryGroup g : directory.groups()) {
      String name = g.name().strip();
      TargetGroup synced =
          groups.stream().filter(t -> t.displayName().equals(name)).findFirst().orElse(null);
      if (synced == null) {
        assertThat(warned)
            .as("group %s neither synced nor warned about", g.email())
            .contains(g.email());
        continue;
      }
      for (DirectoryMember m : directory.members().get(g.id())) {
        DirectoryUser u = directory.user(m.id()).orElseThrow();
        String email = u.primaryEmail().strip();
        TargetUser t =
            users.stream().filter(x -> x.userName().equals(email)).findFirst().orElse(null);
        if (t == null) {
          assertThat(warned)
              .as("user %s neither synced nor warned about", email)
              .containsAnyOf(email, u.id());
        } else {
          assertThat(t.givenName()).isEqualTo(u.givenName().strip());
          assertThat(t.familyName()).isEqualTo(u.familyName().strip());
          assertThat(t.email()).isEqualTo(email);
        }
      }
    }
  }
}
