package io.github.ssosync.emulators.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The query of a SCIM ListUsers/ListGroups call, as IAM Identity Center takes it (SCIM guide,
 * ListUsers and ListGroups): a {@code filter} of {@code eq} clauses joined by {@code and}, in the
 * documented combinations only; {@code count} from 1 to 100 (default 100); paging by {@code cursor}
 * (giving one, even empty, switches the answer to {@code itemsPerPage} and {@code nextCursor});
 * {@code startIndex}, {@code attributes} and {@code excludedAttributes} are not supported.
 */
final class ScimQuery {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CLAUSE =
      Pattern.compile(
          "\\s*([A-Za-z][A-Za-z0-9.]*)\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern AND = Pattern.compile("and\\s", Pattern.CASE_INSENSITIVE);

  /** The filter's clauses, attribute (lower case) to value, in order. */
  final Map<String, String> clauses;

  final int count;
  final @Nullable String cursor;

  private ScimQuery(Map<String, String> clauses, int count, @Nullable String cursor) {
    this.clauses = clauses;
    this.count = count;
    this.cursor = cursor;
  }

  static ScimQuery parse(@Nullable String rawQuery) {
    Map<String, String> params = params(rawQuery);
    for (String unsupported : List.of("startIndex", "attributes", "excludedAttributes")) {
      if (params.containsKey(unsupported)) {
        // The guide lists them as not supported "despite being listed in the SCIM protocol";
        // whether the service ignores or refuses them is not said: refused here.
        throw ScimError.invalid(unsupported + " is not supported; page with cursor");
      }
    }
    int count;
    try {
      count = Integer.parseInt(params.getOrDefault("count", "100"));
    } catch (NumberFormatException e) {
      throw ScimError.invalid("count must be a number from 1 to 100");
    }
    if (count < 1 || count > 100) {
      throw ScimError.invalid("count must be from 1 to 100, was " + count);
    }
    String cursor = params.get("cursor");
    if (cursor != null && !IdentityCenterRules.PAGE_TOKEN.matcher(cursor).matches()) {
      throw ScimError.invalid("cursor is not valid");
    }
    String filter = params.get("filter");
    return new ScimQuery(filter == null ? Map.of() : clauses(filter), count, cursor);
  }

  /**
   * @param supported the attribute sets (lower case) the service accepts together
   * @throws ScimError when the filter's attributes are not one of them
   */
  void requireOneOf(List<List<String>> supported) {
    if (clauses.isEmpty()) {
      return;
    }
    for (List<String> combination : supported) {
      if (clauses.size() == combination.size() && clauses.keySet().containsAll(combination)) {
        return;
      }
    }
    throw ScimError.invalid(
        "filtering by " + String.join(" and ", clauses.keySet()) + " is not supported");
  }

  /** Answers with one page of {@code hits}, in the form the query asked for. */
  <T> ObjectNode answer(String list, List<T> hits, Function<T, ObjectNode> render) {
    int start = cursor == null || cursor.isEmpty() ? 0 : start(list, cursor, hits.size());
    int end = Math.min(hits.size(), start + count);
    ObjectNode out = JSON.createObjectNode();
    out.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse");
    if (cursor == null) {
      out.put("totalResults", hits.size());
      out.put("itemsPerPage", end - start);
      out.put("startIndex", 1);
    } else {
      out.put("itemsPerPage", end - start);
      if (end < hits.size()) {
        out.put(
            "nextCursor",
            Base64.getEncoder()
                .encodeToString((list + ":" + end).getBytes(StandardCharsets.UTF_8)));
      }
    }
    ArrayNode resources = out.putArray("Resources");
    for (int i = start; i < end; i++) {
      resources.add(render.apply(hits.get(i)));
    }
    return out;
  }

  private static int start(String list, String cursor, int size) {
    try {
      String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!decoded.startsWith(list + ":")) {
        throw new IllegalArgumentException(decoded);
      }
      int start = Integer.parseInt(decoded.substring(list.length() + 1));
      if (start < 0) {
        throw new IllegalArgumentException(decoded);
      }
      return Math.min(start, size);
    } catch (IllegalArgumentException e) {
      throw ScimError.invalid("cursor was not issued for this list");
    }
  }

  /** {@code a eq "x" and b eq "y"}: a quoted value may itself contain " and ". */
  private static Map<String, String> clauses(String filter) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = CLAUSE.matcher(filter);
    Matcher and = AND.matcher(filter);
    int at = 0;
    while (true) {
      m.region(at, filter.length());
      if (!m.lookingAt()) {
        throw ScimError.invalid(
            "only filters of the form <attribute> eq \"<value>\" joined by 'and' are supported: "
                + filter);
      }
      String attribute = m.group(1).toLowerCase(Locale.ROOT);
      if (out.put(attribute, m.group(2).replaceAll("\\\\(.)", "$1")) != null) {
        throw ScimError.invalid("the filter names " + attribute + " twice: " + filter);
      }
      at = m.end();
      if (at == filter.length()) {
        return out;
      }
      and.region(at, filter.length());
      if (!and.lookingAt()) {
        throw ScimError.invalid("clauses can only be joined by 'and': " + filter);
      }
      at = and.end();
    }
  }

  private static Map<String, String> params(@Nullable String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
