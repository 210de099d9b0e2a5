package io.github.ssosync.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.ssosync.ConfigurationException;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.mapping.GroupNameSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The attribute mapping from the CLI's and the Lambda's settings: {@code --user-attributes} (the
 * common cases, each from its suggested source), {@code --attribute-mapping} (a YAML or JSON
 * document for the rest) and {@code --group-name}. Every problem is reported, naming the setting as
 * the user typed it; unknown keys in the document are errors, never ignored.
 *
 * <pre>{@code
 * users:
 *   userName: "{custom:AWS.Username}"
 *   department: "{organizations.department}"
 *   costCenter: { source: "{custom:HR.costCenter}", default: "0000" }
 *   manager:                       # empty: its suggested source, {relations.manager}
 * groups:
 *   name: "AWS-{email.local|removePrefix:aws-|capitalize}"
 *   description: true
 * }</pre>
 */
public final class MappingSettings {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * How each setting is named in messages.
   *
   * @param userAttributes such as {@code --user-attributes (SSOSYNC_USER_ATTRIBUTES)}
   * @param document such as {@code --attribute-mapping (SSOSYNC_ATTRIBUTE_MAPPING)}
   * @param groupName such as {@code --group-name (SSOSYNC_GROUP_NAME)}
   */
  public record Names(String userAttributes, String document, String groupName) {}

  private MappingSettings() {}

  /**
   * @param userAttributes comma-separated attribute names, or null
   * @param document a path to a YAML or JSON mapping document, or the document itself (when it
   *     starts with a brace or spans lines, as a Lambda variable does), or null
   * @param groupName {@code email}, {@code name} or a template, or null for {@code email}
   * @param names how messages name the settings
   * @param problems where problems go
   * @return the mapping, or null when there were problems
   */
  public static @Nullable AttributeMapping read(
      @Nullable String userAttributes,
      @Nullable String document,
      @Nullable String groupName,
      Names names,
      List<String> problems) {
    int before = problems.size();
    AttributeMapping.Builder b = AttributeMapping.builder();
    String fileGroupName = null;
    if (document != null && !document.isBlank()) {
      fileGroupName = document(document.strip(), b, names.document(), problems);
    }
    if (userAttributes != null && !userAttributes.isBlank()) {
      List<String> attributes = new ArrayList<>();
      for (String a : userAttributes.split(",")) {
        if (!a.isBlank()) {
          attributes.add(a.strip());
        }
      }
      b.mapSuggested(attributes);
    }
    if (groupName != null && !groupName.isBlank()) {
      if (fileGroupName != null) {
        problems.add(
            names.groupName()
                + ": also set as groups.name in "
                + names.document()
                + "; set it in one place");
      }
      String g = groupName.strip();
      switch (g.toLowerCase(Locale.ROOT)) {
        case "email" -> b.groupName(GroupNameSource.EMAIL);
        case "name" -> b.groupName(GroupNameSource.NAME);
        default -> {
          if (g.contains("{")) {
            b.groupName(g);
          } else {
            problems.add(
                names.groupName()
                    + " \""
                    + g
                    + "\": use email, name or a template such as"
                    + " AWS-{email.local|removePrefix:aws-|capitalize}");
          }
        }
      }
    } else if (fileGroupName != null) {
      b.groupName(fileGroupName);
    }
    try {
      AttributeMapping mapping = b.build();
      return problems.size() == before ? mapping : null;
    } catch (ConfigurationException e) {
      for (String p : e.problems()) {
        problems.add(where(p, names) + ": " + p);
      }
      return null;
    }
  }

  /** Which setting a builder problem came from: the group name's or the users'. */
  private static String where(String problem, Names names) {
    return problem.startsWith("group name: ")
        ? names.groupName()
        : names.userAttributes() + " / " + names.document();
  }

  /** Reads the document into the builder; returns its group name template, if it has one. */
  private static @Nullable String document(
      String document, AttributeMapping.Builder b, String name, List<String> problems) {
    JsonNode root;
    String where;
    try {
      if (document.startsWith("{") || document.contains("\n")) {
        where = name;
        root = YAML.readTree(document);
      } else {
        Path path = Path.of(document);
        where = name + " " + path;
        root = YAML.readTree(Files.readString(path));
      }
    } catch (IOException | RuntimeException e) {
      problems.add(
          name
              + ": cannot read the mapping ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
              + ")");
      return null;
    }
    if (root == null || !root.isObject()) {
      problems.add(where + ": must be a mapping with users: and groups:");
      return null;
    }
    unknownKeys(root, Set.of("users", "groups"), where, "", problems);
    JsonNode users = root.path("users");
    if (!users.isMissingNode() && !users.isNull()) {
      if (!users.isObject()) {
        problems.add(where + ": users must map attribute names to source expressions");
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = users.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          user(e.getKey(), e.getValue(), b, where, problems);
        }
      }
    }
    JsonNode groups = root.path("groups");
    String groupName = null;
    if (!groups.isMissingNode() && !groups.isNull()) {
      if (!groups.isObject()) {
        problems.add(where + ": groups must be a mapping with name: and description:");
        return null;
      }
      unknownKeys(groups, Set.of("name", "description"), where, "groups.", problems);
      if (groups.hasNonNull("name")) {
        groupName = groups.get("name").asText();
      }
      if (groups.has("description")) {
        if (!groups.get("description").isBoolean()) {
          problems.add(where + ": groups.description must be true or false");
        } else {
          b.syncGroupDescription(groups.get("description").asBoolean());
        }
      }
    }
    return groupName;
  }

  private static void user(
      String attribute,
      JsonNode value,
      AttributeMapping.Builder b,
      String where,
      List<String> problems) {
    if (value == null || value.isNull()) {
      b.map(attribute, null, null);
    } else if (value.isTextual()) {
      b.map(attribute, value.asText(), null);
    } else if (value.isObject()) {
      unknownKeys(value, Set.of("source", "default"), where, "users." + attribute + ".", problems);
      b.map(
          attribute,
          value.hasNonNull("source") ? value.get("source").asText() : null,
          value.hasNonNull("default") ? value.get("default").asText() : null);
    } else {
      problems.add(
          where
              + ": users."
              + attribute
              + " must be a source expression or {source: ..., default: ...}");
    }
  }

  private static void unknownKeys(
      JsonNode node, Set<String> known, String where, String prefix, List<String> problems) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        problems.add(where + ": unknown key \"" + prefix + key + "\" (expected " + known + ")");
      }
    }
  }
}
