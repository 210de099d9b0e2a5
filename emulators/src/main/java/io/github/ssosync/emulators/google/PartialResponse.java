package io.github.ssosync.emulators.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Google's partial responses: the {@code fields} parameter ("Performance tips", section "Partial
 * response", developers.google.com/workspace/admin/directory/v1/guides/performance): fields
 * separated by commas, {@code a/b} for a field inside another, {@code a(b,c)} for several, {@code
 * *} for every field of a level. "If the fields parameter is invalid, the server returns 400 Bad
 * Request": a name the resource does not have is refused, with the message Google's servers send
 * ("Invalid field selection NAME"); the guide gives the status, not the message.
 */
final class PartialResponse {
  private PartialResponse() {}

  /** A resource's fields; a field without a schema of its own takes any sub-selection. */
  record Schema(Map<String, @Nullable Schema> fields) {
    static Schema of(Set<String> names) {
      Map<String, @Nullable Schema> m = new LinkedHashMap<>();
      names.forEach(n -> m.put(n, null));
      return new Schema(m);
    }

    Schema with(String name, Schema sub) {
      Map<String, @Nullable Schema> m = new LinkedHashMap<>(fields);
      m.put(name, sub);
      return new Schema(m);
    }
  }

  /** A selection: the named children, or (null) the whole value. */
  record Selection(@Nullable Map<String, Selection> children) {
    static final Selection ALL = new Selection(null);
  }

  /** A {@code fields} value that names a field the resource does not have. */
  static final class InvalidSelection extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidSelection(String what) {
      super("Invalid field selection " + what, null, false, false);
    }
  }

  /**
   * @param mask the {@code fields} parameter
   * @param schema the response's schema
   * @return the selection
   * @throws InvalidSelection when a field is unknown or the mask is malformed
   */
  static Map<String, Selection> parse(String mask, Schema schema) throws InvalidSelection {
    int[] at = {0};
    Map<String, Selection> out = new LinkedHashMap<>();
    list(mask, at, schema, out);
    if (at[0] != mask.length()) {
      throw new InvalidSelection(mask.substring(at[0]));
    }
    return out;
  }

  private static void list(String s, int[] at, @Nullable Schema schema, Map<String, Selection> into)
      throws InvalidSelection {
    field(s, at, schema, into);
    while (at[0] < s.length() && s.charAt(at[0]) == ',') {
      at[0]++;
      field(s, at, schema, into);
    }
  }

  private static void field(
      String s, int[] at, @Nullable Schema schema, Map<String, Selection> into)
      throws InvalidSelection {
    int start = at[0];
    while (at[0] < s.length()
        && (Character.isLetterOrDigit(s.charAt(at[0])) || "_*".indexOf(s.charAt(at[0])) >= 0)) {
      at[0]++;
    }
    String name = s.substring(start, at[0]);
    if (name.isEmpty()) {
      throw new InvalidSelection(s.substring(start));
    }
    Schema sub = null;
    if (schema != null && !name.equals("*")) {
      if (!schema.fields().containsKey(name)) {
        throw new InvalidSelection(name);
      }
      sub = schema.fields().get(name);
    }
    char next = at[0] < s.length() ? s.charAt(at[0]) : ',';
    if (next == '/' || next == '(') {
      at[0]++;
      Selection existing = into.get(name);
      if (existing != null && existing.children() == null) {
        skipTo(s, at, next); // already selected whole
        return;
      }
      Map<String, Selection> children =
          existing == null ? new LinkedHashMap<>() : existing.children();
      if (next == '/') {
        field(s, at, sub, children);
      } else {
        list(s, at, sub, children);
        if (at[0] >= s.length() || s.charAt(at[0]) != ')') {
          throw new InvalidSelection(s.substring(start));
        }
        at[0]++;
      }
      into.put(name, new Selection(children));
    } else {
      into.put(name, Selection.ALL);
    }
  }

  private static void skipTo(String s, int[] at, char opened) throws InvalidSelection {
    Map<String, Selection> ignored = new LinkedHashMap<>();
    if (opened == '/') {
      field(s, at, null, ignored);
    } else {
      list(s, at, null, ignored);
      at[0]++;
    }
  }

  /**
   * Removes what the selection leaves out.
   *
   * @param node a response
   * @param selection what to keep
   */
  static void apply(ObjectNode node, Map<String, Selection> selection) {
    boolean every = selection.containsKey("*");
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Selection s = selection.get(e.getKey());
      if (s == null) {
        if (!every) {
          it.remove();
        }
        continue;
      }
      if (s.children() != null) {
        keep(e.getValue(), s.children());
      }
    }
  }

  private static void keep(JsonNode value, Map<String, Selection> children) {
    if (value instanceof ObjectNode o) {
      apply(o, children);
    } else if (value.isArray()) {
      for (JsonNode item : value) {
        keep(item, children);
      }
    }
  }
}
