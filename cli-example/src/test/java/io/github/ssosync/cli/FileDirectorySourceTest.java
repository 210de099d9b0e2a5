package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.cli.source.FileDirectorySource;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectoryUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file source's user attributes, and its refusal of keys it does not know. */
class FileDirectorySourceTest {
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("directory.yaml"), yaml);
  }

  @Test
  void usersCarryTheAttributesEverySourceSpeaks() throws IOException {
    Path file =
        write(
            """
            users:
              - id: "1001"
                email: ann@example.com
                givenName: Ann
                familyName: Lee
                attributes:
                  organizations.department: Platform
                  externalIds.organization: 42
                  relations.manager: bob@example.com
                  customSchemas.AWS.Username: ann
              - {id: "1002", email: bob@example.com, givenName: Bob, familyName: Ray}
            groups: []
            """);
    DirectorySnapshot s =
        new FileDirectorySource(file)
            .read(new DirectoryQuery(List.of("*"), List.of(), Set.of("organizations.department")));
    DirectoryUser ann = s.users().get(0);
    assertThat(ann.attributes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "organizations.department", "Platform",
                "externalIds.organization", "42",
                "relations.manager", "bob@example.com",
                "customSchemas.AWS.Username", "ann"));
    assertThat(s.users().get(1).attributes()).isEmpty();
    // a query written for Google selects by them as Google's search would
    DirectorySnapshot platform =
        new FileDirectorySource(file)
            .read(
                new DirectoryQuery(List.of("orgDepartment=Platform AWS.Username=ann"), List.of()));
    assertThat(platform.matchedUserIds()).containsExactly("1001");
  }

  @Test
  void anUnknownAttributeIsAnErrorNamingItTheUserAndTheFile() throws IOException {
    Path file =
        write(
            """
            users:
              - id: "1001"
                email: ann@example.com
                attributes:
                  organizations.team: Platform
            """);
    assertThatThrownBy(() -> new FileDirectorySource(file).load())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(
            "source file \""
                + file
                + "\": user 1001: unknown user attribute \"organizations.team\"")
        .hasMessageContaining("known: costCenter, department");
  }

  @Test
  void anAttributeWithoutOneValueIsAnError() throws IOException {
    Path file =
        write(
            """
            users:
              - id: "1001"
                email: ann@example.com
                attributes:
                  organizations.department: {name: Platform}
            """);
    assertThatThrownBy(() -> new FileDirectorySource(file).load())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("user 1001: attribute \"organizations.department\" needs one value");
  }

  @Test
  void anUnknownKeyAtAnyLevelIsAnErrorNotSilentlyDropped() throws IOException {
    for (String[] c :
        new String[][] {
          {
            "users:\n  - {id: \"1\", email: a@example.com, department: Eng}\n",
            "user 1 has unknown key \"department\""
          },
          {
            "users: []\ngroups:\n  - {id: g1, email: g@example.com, owner: a@example.com}\n",
            "group g@example.com has unknown key \"owner\""
          },
          {
            "users: []\ngroups:\n  - id: g1\n    email: g@example.com\n    members:\n"
                + "      - {external: x@partner.example, rolle: owner}\n",
            "a member of group g1 has unknown key \"rolle\""
          },
          {"users: []\ngroup: []\n", "the top level has unknown key \"group\""}
        }) {
      Path file = write(c[0]);
      assertThatThrownBy(() -> new FileDirectorySource(file).load())
          .as(c[0])
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith("source file \"" + file + "\": " + c[1]);
    }
  }
}
