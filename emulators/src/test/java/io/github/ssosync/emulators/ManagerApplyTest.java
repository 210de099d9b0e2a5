package io.github.ssosync.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.engine.ChangeOutcome;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.TargetUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Managers through the engine: a chain of new users is created manager first, in waves, so each
 * create carries its reference (the in-memory store, like a SCIM store, refuses a manager that does
 * not exist yet); a manager whose create fails does not fail its reports.
 */
class ManagerApplyTest {
  private final InMemoryIdentityTarget target = InMemoryIdentityTarget.builder().build();

  private static final SyncPolicy POLICY =
      SyncPolicy.builder()
          .groupMatch("*")
          .attributeMapping(AttributeMapping.builder().mapSuggested(List.of("manager")).build())
          .build();

  /** user0 manages user1, who manages user2, ... */
  private static DirectoryContent chain(int length) {
    DirectoryContent.Builder b = DirectoryContent.builder();
    List<DirectoryMember> members = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      Map<String, String> attributes = new HashMap<>();
      if (i > 0) {
        attributes.put("relations.manager", "user" + (i - 1) + "@example.com");
      }
      DirectoryUser u =
          new DirectoryUser(
              "id" + i,
              "user" + i + "@example.com",
              "G" + i,
              "F" + i,
              false,
              false,
              "/",
              attributes);
      b.user(u);
      members.add(DirectoryMember.user(u));
    }
    b.group(
        new DirectoryGroup("g", "aws-all@example.com", "All", null),
        members.toArray(DirectoryMember[]::new));
    return b.build();
  }

  private SyncEngine engine(DirectoryContent directory) {
    return SyncEngine.builder()
        .source(new InMemoryDirectorySource(directory))
        .target(target)
        .policy(POLICY)
        .concurrency(4)
        .build();
  }

  private Map<String, String> managers() {
    Map<String, String> nameById = new HashMap<>();
    target.snapshot().users().forEach(u -> nameById.put(u.id(), u.userName()));
    Map<String, String> out = new HashMap<>();
    for (TargetUser u : target.snapshot().users()) {
      String m = u.optional().get(UserAttribute.MANAGER);
      if (m != null) {
        out.put(u.userName(), nameById.get(m));
      }
    }
    return out;
  }

  @Test
  void aChainOfNewUsersIsCreatedManagerFirstWithEveryReferenceInItsCreate() {
    SyncReport report = engine(chain(6)).sync();
    assertThat(report.failures()).isEmpty();
    assertThat(report.count(ChangeKind.UPDATE_USER, ChangeOutcome.Status.APPLIED))
        .as("no extra update")
        .isZero();
    assertThat(managers())
        .hasSize(5)
        .containsEntry("user1@example.com", "user0@example.com")
        .containsEntry("user5@example.com", "user4@example.com");
    assertThat(engine(chain(6)).plan().changes()).isEmpty();
  }

  @Test
  void aManagerWhoseCreateFailedLeavesItsReportCreatedWithoutAndTheNextRunLinksIt() {
    target.failWhen(
        c -> c.kind() == ChangeKind.CREATE_USER && c.subject().name().startsWith("user0"),
        Reason.INVALID);
    SyncReport report = engine(chain(2)).sync();
    ChangeOutcome report1 =
        report.outcomes().stream()
            .filter(
                o ->
                    o.change().kind() == ChangeKind.CREATE_USER
                        && o.change().subject().name().equals("user1@example.com"))
            .findFirst()
            .orElseThrow();
    assertThat(report1.status()).isEqualTo(ChangeOutcome.Status.APPLIED);
    assertThat(report1.message()).contains("created without its manager user0@example.com");
    assertThat(managers()).isEmpty();

    target.clearFaults();
    SyncReport next = engine(chain(2)).sync();
    assertThat(next.failures()).isEmpty();
    assertThat(managers()).containsEntry("user1@example.com", "user0@example.com");
    assertThat(engine(chain(2)).plan().changes()).isEmpty();
  }
}
