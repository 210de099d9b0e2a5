package io.github.ssosync.cli.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.ssosync.ConfigurationException;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberRole;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.directory.Selection;
import io.github.ssosync.directory.UserAttributeKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A directory kept in a YAML or JSON file, for teams that manage access as code:
 *
 * <pre>
 * users:
 *   - id: "1001"                 # a stable id: never reuse it for another person
 *     email: ann@example.com
 *     givenName: Ann
 *     familyName: Lee
 *     suspended: false           # optional
 *     attributes:                # optional: what an attribute mapping may read
 *       organizations.department: Platform
 *       relations.manager: bob@example.com
 *       customSchemas.AWS.Username: ann
 * groups:
 *   - id: g01
 *     email: aws-admins@example.com
 *     name: AWS Admins
 *     description: Administrators    # optional
 *     members:
 *       - user: ann@example.com      # a user, by email or id
 *       - group: aws-inner@example.com
 *       - external: guest@partner.example   # never synced; optional id
 *       - customer: C0abc123                # the whole domain; never synced
 * </pre>
 *
 * <p>A user's {@code attributes} use the keys every source speaks ({@link DirectoryUser} lists
 * them; {@link UserAttributeKey} parses them), so a mapping written for Google reads a file
 * unchanged. A key the format does not know, at any level, is an error naming it and the file: a
 * misspelt key must not be silently dropped.
 *
 * <p>Queries use the Google Admin SDK's syntax ({@code email:aws-*}, {@code name='AWS Admins'},
 * {@code *}), evaluated in memory by core's {@link Selection} (public API only: no test kit, no
 * {@code internal} package), so a policy written for Google works unchanged. The file is read again
 * on every {@link #read}, so edits between runs are seen.
 */
public final class FileDirectorySource implements DirectorySource {
  private static final Set<String> TOP = Set.of("users", "groups");
  private static final Set<String> USER =
      Set.of(
          "id",
          "email",
          "givenName",
          "familyName",
          "suspended",
          "archived",
          "orgUnit",
          "attributes");
  private static final Set<String> GROUP = Set.of("id", "email", "name", "description", "members");
  private static final Set<String> MEMBER =
      Set.of("user", "group", "external", "customer", "id", "role");

  private final Path file;

  /**
   * @param file the YAML ({@code .yaml}/{@code .yml}) or JSON file
   */
  public FileDirectorySource(Path file) {
    this.file = file;
  }

  @Override
  public DirectorySnapshot read(DirectoryQuery query) {
    Content c = load();
    return Selection.read(query, Selection.inMemory(c.users(), c.groups(), c.members()));
  }

  /**
   * What the file describes.
   *
   * @param users its users
   * @param groups its groups
   * @param members direct members by group id
   */
  public record Content(
      List<DirectoryUser> users,
      List<DirectoryGroup> groups,
      Map<String, List<DirectoryMember>> members) {
    /** Copies; every group gets a (possibly empty) member list, in the file's order. */
    public Content {
      users = List.copyOf(users);
      groups = List.copyOf(groups);
      Map<String, List<DirectoryMember>> copy = new LinkedHashMap<>();
      for (DirectoryGroup g : groups) {
        copy.put(g.id(), List.copyOf(members.getOrDefault(g.id(), List.of())));
      }
      members = Collections.unmodifiableMap(copy);
    }
  }

  /**
   * Parses the file.
   *
   * @return the directory it describes
   * @throws ConfigurationException naming the file and what is wrong in it
   */
  public Content load() {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new ConfigurationException("source file \"" + file + "\": not found");
    } catch (IOException e) {
      throw new ConfigurationException(
          "source file \"" + file + "\": cannot be read (" + e.getMessage() + ")");
    }
  }

  /**
   * @param in YAML or JSON (JSON is YAML)
   * @param name names the input in messages
   * @return the directory
   * @throws ConfigurationException naming what is wrong
   */
  public static Content parse(InputStream in, String name) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new ConfigurationException(
          "source file \""
              + name
              + "\": not valid YAML or JSON ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")");
    }
    if (root == null || !root.isObject()) {
      throw new ConfigurationException(
          "source file \"" + name + "\": expected a map with 'users' and 'groups'");
    }
    knownKeys(root, TOP, "the top level", name);
    List<DirectoryUser> users = new ArrayList<>();
    Map<String, DirectoryUser> byKey = new HashMap<>();
    for (JsonNode u : root.path("users")) {
      String id = required(u, "id", name);
      knownKeys(u, USER, "user " + id, name);
      DirectoryUser user =
          new DirectoryUser(
              id,
              required(u, "email", name),
              text(u, "givenName"),
              text(u, "familyName"),
              u.path("suspended").asBoolean(false),
              u.path("archived").asBoolean(false),
              text(u, "orgUnit"),
              attributes(u.path("attributes"), id, name));
      users.add(user);
      byKey.put(id, user);
      byKey.put(user.primaryEmail().toLowerCase(Locale.ROOT), user);
    }
    List<DirectoryGroup> groups = new ArrayList<>();
    Map<String, DirectoryGroup> groupByKey = new HashMap<>();
    for (JsonNode g : root.path("groups")) {
      String email = required(g, "email", name);
      knownKeys(g, GROUP, "group " + email, name);
      DirectoryGroup group =
          new DirectoryGroup(
              required(g, "id", name), email, g.path("name").asText(email), text(g, "description"));
      groups.add(group);
      groupByKey.put(group.id(), group);
      groupByKey.put(email.toLowerCase(Locale.ROOT), group);
    }
    Map<String, List<DirectoryMember>> members = new HashMap<>();
    for (JsonNode g : root.path("groups")) {
      String groupId = g.path("id").asText();
      List<DirectoryMember> list = new ArrayList<>();
      for (JsonNode m : g.path("members")) {
        knownKeys(m, MEMBER, "a member of group " + groupId, name);
        MemberRole role =
            MemberRole.valueOf(m.path("role").asText("member").toUpperCase(Locale.ROOT));
        if (m.has("user")) {
          DirectoryUser u = byKey.get(m.path("user").asText().toLowerCase(Locale.ROOT));
          if (u == null) {
            u = byKey.get(m.path("user").asText());
          }
          if (u == null) {
            throw new ConfigurationException(
                "source file \""
                    + name
                    + "\": group "
                    + groupId
                    + " names unknown user "
                    + m.path("user").asText());
          }
          list.add(new DirectoryMember(u.id(), u.primaryEmail(), MemberType.USER, role));
        } else if (m.has("group")) {
          DirectoryGroup nested = groupByKey.get(m.path("group").asText().toLowerCase(Locale.ROOT));
          if (nested == null) {
            throw new ConfigurationException(
                "source file \""
                    + name
                    + "\": group "
                    + groupId
                    + " names unknown group "
                    + m.path("group").asText());
          }
          list.add(new DirectoryMember(nested.id(), nested.email(), MemberType.GROUP, role));
        } else if (m.has("external")) {
          String address = m.path("external").asText();
          list.add(
              new DirectoryMember(
                  m.path("id").asText("external:" + address), address, MemberType.EXTERNAL, role));
        } else if (m.has("customer")) {
          list.add(
              new DirectoryMember(m.path("customer").asText(), null, MemberType.CUSTOMER, role));
        } else {
          throw new ConfigurationException(
              "source file \""
                  + name
                  + "\": a member of group "
                  + groupId
                  + " needs 'user', 'group', 'external' or 'customer'");
        }
      }
      members.put(groupId, list);
    }
    return new Content(users, groups, members);
  }

  /** A user's attributes: one value per documented key. */
  private static Map<String, String> attributes(JsonNode node, String userId, String name) {
    if (node.isMissingNode() || node.isNull()) {
      return Map.of();
    }
    String where = "source file \"" + name + "\": user " + userId + ": ";
    if (!node.isObject()) {
      throw new ConfigurationException(where + "'attributes' must be a map of key: value");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      try {
        UserAttributeKey.parse(e.getKey());
      } catch (IllegalArgumentException bad) {
        throw new ConfigurationException(where + bad.getMessage());
      }
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new ConfigurationException(
            where
                + "attribute \""
                + e.getKey()
                + "\" needs one value (write a field inside another with a dot, such as"
                + " organizations.department)");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** Refuses a key the format does not know, so that a misspelt one is not silently dropped. */
  private static void knownKeys(JsonNode node, Set<String> known, String what, String name) {
    if (!node.isObject()) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw new ConfigurationException(
            "source file \""
                + name
                + "\": "
                + what
                + " has unknown key \""
                + key
                + "\" (known: "
                + String.join(", ", new java.util.TreeSet<>(known))
                + ")");
      }
    }
  }

  private static String required(JsonNode node, String field, String name) {
    String value = text(node, field);
    if (value == null) {
      throw new ConfigurationException(
          "source file \"" + name + "\": an entry lacks '" + field + "': " + node);
    }
    return value;
  }

  private static @org.jspecify.annotations.Nullable String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }
}
