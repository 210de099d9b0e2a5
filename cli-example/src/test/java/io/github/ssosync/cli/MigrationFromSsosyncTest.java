package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssosync.cli.internal.ExitCode;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Taking over a store that awslabs/ssosync populated: no user, group or membership is created or
 * deleted, ids (and with them permission-set assignments) stay, and every update the first run
 * plans is one this test names and explains. The store is laid out through SCIM as ssosync writes
 * it ({@link SsosyncLayout}).
 */
class MigrationFromSsosyncTest {
  private static final DirectoryUser ANN =
      new DirectoryUser("1001", "ann@example.com", "Ann", "Lee", false, false, "/", Map.of());
  private static final DirectoryUser BOB =
      new DirectoryUser("1002", "bob@example.com", "Bob", "Ray", false, false, "/", Map.of());
  private static final DirectoryUser CAT =
      new DirectoryUser("1003", "cat@example.com", "Cat", "Kim", true, false, "/", Map.of());
  private static final DirectoryUser DAN =
      new DirectoryUser("1004", "dan@example.com", "Dan", "Ito", false, false, "/", Map.of());
  private static final DirectoryGroup ADMINS =
      new DirectoryGroup("g01", "aws-admins@example.com", "AWS Admins", "Administrators");
  private static final DirectoryGroup DEVELOPERS =
      DirectoryGroup.of("g02", "aws-developers@example.com", "AWS Developers");
  private static final DirectoryGroup PLATFORM =
      DirectoryGroup.of("g03", "platform@example.com", "Platform");

  /**
   * aws-admins holds ann and, nested, platform (bob); aws-developers holds bob and cat, who is
   * suspended; dan is in no group. ssosync (since 2.2) flattens nesting and, without {@code
   * --suspended}, skips suspended members, so it made ann and bob, and the two aws- groups.
   */
  private static final DirectoryContent DIRECTORY =
      DirectoryContent.builder()
          .user(ANN)
          .user(BOB)
          .user(CAT)
          .user(DAN)
          .group(ADMINS, DirectoryMember.user(ANN), DirectoryMember.group(PLATFORM))
          .group(DEVELOPERS, DirectoryMember.user(BOB), DirectoryMember.user(CAT))
          .group(PLATFORM, DirectoryMember.user(BOB))
          .build();

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private CliHarness cli;

  @AfterEach
  void stop() {
    if (cli != null) {
      cli.close();
    }
  }

  private void layOut(boolean externalIds, boolean groupsByEmail) {
    cli = new CliHarness(dir, DIRECTORY).scim();
    Map<DirectoryGroup, List<String>> groups = new LinkedHashMap<>();
    groups.put(ADMINS, List.of(ANN.primaryEmail(), BOB.primaryEmail()));
    groups.put(DEVELOPERS, List.of(BOB.primaryEmail()));
    new SsosyncLayout(cli.aws, externalIds, groupsByEmail).layOut(List.of(ANN, BOB), groups);
  }

  /**
   * ssosync 2.5 and later: every user and group carries the Google id as its externalId, our
   * anchor, so the default owner mode takes them over. Its default sync method names groups by
   * their Google name ({@code --group-name name} here), {@code users_groups} by email (our
   * default). Suspended users it skipped stay skipped with {@code --suspended-action ignore}.
   */
  @ParameterizedTest(name = "groups named by {0}")
  @CsvSource({"email", "name"})
  void aStoreSsosync25MadeIsTakenOverWithNoCreateAndNoDelete(String groupName) throws Exception {
    layOut(true, groupName.equals("email"));
    Snapshot before = Snapshot.of(cli);
    String[] flags = {
      "-g", "email:aws-*", "--group-name", groupName, "--suspended-action", "ignore"
    };

    JsonNode plan = plan(flags);
    assertThat(kinds(plan)).containsOnlyKeys("UPDATE_GROUP");
    // The one update: ssosync never writes a group description; we sync Google's (IAM Identity
    // Center shows it in the console). Nothing else differs.
    JsonNode update = plan.path("changes").path(0);
    assertThat(update.path("subject").path("sourceId").asText()).isEqualTo(ADMINS.id());
    assertThat(update.path("changes"))
        .extracting(c -> c.path("attribute").asText() + "=" + c.path("after").asText())
        .containsExactly("description=Administrators");

    assertThat(cli.run(flags)).as(cli.err).isEqualTo(ExitCode.OK);
    Snapshot after = Snapshot.of(cli);
    assertThat(after.userIds).isEqualTo(before.userIds);
    assertThat(after.groupIds).isEqualTo(before.groupIds);
    assertThat(after.memberships).isEqualTo(before.memberships);
    assertThat(kinds(plan(flags))).isEmpty();
  }

  /**
   * Without {@code --group-name name} a store of ssosync's default sync method is still taken over
   * by anchor: the groups keep their ids and members and are renamed to their emails in place.
   */
  @Test
  void groupsSsosyncNamedByNameAreRenamedInPlaceWhenNamesComeFromEmails() throws Exception {
    layOut(true, false);
    Snapshot before = Snapshot.of(cli);
    JsonNode plan = plan("-g", "email:aws-*", "--suspended-action", "ignore");
    assertThat(kinds(plan)).containsOnlyKeys("UPDATE_GROUP").containsEntry("UPDATE_GROUP", 2L);
    assertThat(cli.run("-g", "email:aws-*", "--suspended-action", "ignore")).isEqualTo(0);
    assertThat(Snapshot.of(cli).groupIds).isEqualTo(before.groupIds);
    assertThat(cli.aws.groups())
        .extracting(TargetGroup::displayName)
        .containsExactlyInAnyOrder(ADMINS.email(), DEVELOPERS.email());
  }

  /**
   * ssosync before 2.5 wrote no externalId, so nothing carries our anchor: the default owner mode
   * leaves every object alone and creates nothing that would collide, and {@code --owner-mode
   * adopt} takes each over by its unique name, writing the anchor; later runs need nothing more.
   */
  @Test
  void aStoreOlderSsosyncMadeIsTakenOverWithOwnerModeAdopt() throws Exception {
    layOut(false, true);
    Snapshot before = Snapshot.of(cli);
    String[] adopt = {"-g", "email:aws-*", "--suspended-action", "ignore", "--owner-mode", "adopt"};

    JsonNode anchored = plan("-g", "email:aws-*", "--suspended-action", "ignore");
    assertThat(kinds(anchored)).isEmpty();
    assertThat(anchored.path("warnings"))
        .extracting(w -> w.path("kind").asText() + " " + w.path("subject").asText())
        .containsExactlyInAnyOrder(
            "NOT_OWNED ann@example.com",
            "NOT_OWNED bob@example.com",
            "NOT_OWNED aws-admins@example.com",
            "NOT_OWNED aws-developers@example.com");

    // Adopting writes each object's anchor (its externalId, the Google id), and the group
    // description ssosync never wrote; nothing is created, removed, or changes membership.
    JsonNode plan = plan(adopt);
    assertThat(kinds(plan))
        .containsOnly(Map.entry("UPDATE_USER", 2L), Map.entry("UPDATE_GROUP", 2L));
    assertThat(plan.path("changes"))
        .flatExtracting(
            c ->
                StreamSupport.stream(c.path("changes").spliterator(), false)
                    .map(
                        a ->
                            c.path("subject").path("name").asText()
                                + " "
                                + a.path("attribute").asText()
                                + "="
                                + a.path("after").asText())
                    .toList())
        .containsExactlyInAnyOrder(
            "ann@example.com externalId=1001",
            "bob@example.com externalId=1002",
            "aws-admins@example.com externalId=g01",
            "aws-admins@example.com description=Administrators",
            "aws-developers@example.com externalId=g02");
    assertThat(cli.run(adopt)).as(cli.err).isEqualTo(ExitCode.OK);
    Snapshot after = Snapshot.of(cli);
    assertThat(after.userIds).isEqualTo(before.userIds);
    assertThat(after.groupIds).isEqualTo(before.groupIds);
    assertThat(after.memberships).isEqualTo(before.memberships);
    assertThat(cli.aws.users())
        .extracting(u -> u.userName() + "=" + anchor(u))
        .containsExactlyInAnyOrder("ann@example.com=1001", "bob@example.com=1002");
    // Anchored now, the default owner mode finds nothing to do.
    assertThat(kinds(plan("-g", "email:aws-*", "--suspended-action", "ignore"))).isEmpty();
  }

  private static String anchor(TargetUser u) {
    return u.externalIds().stream().map(e -> e.id()).collect(Collectors.joining(","));
  }

  private JsonNode plan(String... flags) throws Exception {
    List<String> args = new ArrayList<>(List.of("plan", "--json"));
    args.addAll(List.of(flags));
    assertThat(cli.run(args.toArray(String[]::new))).as(cli.err).isEqualTo(ExitCode.OK);
    return JSON.readTree(cli.out);
  }

  private static Map<String, Long> kinds(JsonNode plan) {
    return StreamSupport.stream(plan.path("changes").spliterator(), false)
        .collect(Collectors.groupingBy(c -> c.path("kind").asText(), Collectors.counting()));
  }

  /** Ids of users and groups, and memberships as group id / user id pairs. */
  private record Snapshot(Set<String> userIds, Set<String> groupIds, Set<String> memberships) {
    static Snapshot of(CliHarness cli) {
      return new Snapshot(
          cli.aws.users().stream().map(TargetUser::id).collect(Collectors.toSet()),
          cli.aws.groups().stream().map(TargetGroup::id).collect(Collectors.toSet()),
          cli.aws.memberships().stream()
              .map(m -> m.groupId() + "/" + m.userId())
              .collect(Collectors.toSet()));
    }
  }
}
