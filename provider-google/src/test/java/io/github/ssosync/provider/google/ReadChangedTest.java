package io.github.ssosync.provider.google;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.feed.DirectoryChanges;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** readChanged reads the named users and groups by key, as the list reads would show them. */
class ReadChangedTest {
  static final String ROLE = "customSchemas.AWS.Role";

  @TempDir Path dir;

  static DirectoryUser user(String id, String email, String given, String role) {
    return new DirectoryUser(id, email, given, "F", false, false, "/", Map.of(ROLE, role));
  }

  @Test
  void namedUsersAreReadByIdOrEmailWithTheListsProjectionAndCounted() {
    DirectoryUser alice = user("u1", "alice@example.com", "Alice", "admin");
    DirectoryUser bob = user("u2", "bob@example.com", "Bob", "dev");
    DirectoryGroup eng = DirectoryGroup.of("g1", "eng@example.com", "Eng");
    DirectoryContent before =
        DirectoryContent.builder()
            .user(alice)
            .user(bob)
            .group(eng, DirectoryMember.user(alice), DirectoryMember.user(bob))
            .build();
    try (GoogleFixture f = new GoogleFixture(before, dir)) {
      GoogleDirectorySource source = f.source();
      DirectoryQuery query =
          new DirectoryQuery(java.util.List.of(DirectoryQuery.ALL), java.util.List.of("*"))
              .withUserAttributes(Set.of(ROLE));
      DirectorySnapshot previous = source.read(query);

      DirectoryUser alice2 = user("u1", "alice@example.com", "Alicia", "ops");
      DirectoryGroup eng2 = new DirectoryGroup("g1", "eng@example.com", "Engineering", "d");
      f.emulator.setContent(
          DirectoryContent.builder()
              .user(alice2)
              .group(eng2, DirectoryMember.user(alice2))
              .build());
      long getsBefore = source.apiCalls().getOrDefault("google.users.get", 0L);

      // Alice by id, Bob (deleted) by email, a key that never named anyone, the group by id.
      DirectorySnapshot incremental =
          source.readChanged(
              query,
              previous,
              new DirectoryChanges(
                  Set.of("u1", "bob@example.com", "nobody@example.com"), Set.of("g1")));

      assertThat(IncrementalReadTest.inOrder(incremental))
          .isEqualTo(IncrementalReadTest.inOrder(source.read(query)));
      assertThat(incremental.users()).contains(alice2).doesNotContain(bob);
      // One users.get per object: Alice and Bob by id (Bob's email names a user the state holds,
      // so he is not read by email too), the key that names no one we hold by the key.
      assertThat(source.apiCalls().get("google.users.get") - getsBefore).isEqualTo(3);
      assertThat(source.apiCalls()).containsEntry("google.groups.get", 1L);
      assertThat(f.emulator.lastParameters("users.get"))
          .containsEntry("projection", "custom")
          .containsEntry("customFieldMask", "AWS");
    }
  }
}
