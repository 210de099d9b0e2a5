package io.github.ssosync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.cli.source.FileDirectorySource;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.testkit.contract.DirectorySourceContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;

/** The SPI tutorial's source passes the contract: the content is written to a file, then read. */
class FileDirectorySourceContractTest extends DirectorySourceContract {
  @TempDir Path dir;

  @Override
  protected DirectorySource createSource(DirectoryContent content) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ArrayNode users = root.putArray("users");
    for (DirectoryUser u : content.users()) {
      users
          .addObject()
          .put("id", u.id())
          .put("email", u.primaryEmail())
          .put("givenName", u.givenName())
          .put("familyName", u.familyName())
          .put("suspended", u.suspended())
          .put("archived", u.archived());
    }
    ArrayNode groups = root.putArray("groups");
    for (DirectoryGroup g : content.groups()) {
      ObjectNode node =
          groups.addObject().put("id", g.id()).put("email", g.email()).put("name", g.name());
      ArrayNode members = node.putArray("members");
      for (DirectoryMember m : content.members().get(g.id())) {
        ObjectNode member =
            members.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT));
        switch (m.type()) {
          case USER -> member.put("user", m.id());
          case GROUP -> member.put("group", m.email());
          case CUSTOMER -> member.put("customer", m.id());
          case EXTERNAL -> member.put("external", m.email()).put("id", m.id());
        }
      }
    }
    try {
      return new FileDirectorySource(
          Files.writeString(dir.resolve("directory.json"), root.toPrettyString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
