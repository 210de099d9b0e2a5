package io.github.ssosync.emulators.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssosync.emulators.aws.IdentityCenterStore.Membership;
import io.github.ssosync.mapping.UserAttribute;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * SCIM PATCH of users and groups with IAM Identity Center's rules (SCIM guide, PatchUser and
 * PatchGroup). A request is checked as a whole before anything is written.
 */
final class ScimPatch {
  /**
   * PatchUser: "Modification is only allowed for the userName, active, externalId, displayName,
   * nickName, profileUrl, title, userType, preferredLanguage, locale, timezone, name, enterprise,
   * emails, addresses, and phoneNumbers attributes".
   */
  private static final Set<String> USER_STRINGS =
      Set.of(
          "userName",
          "externalId",
          "displayName",
          "nickName",
          "profileUrl",
          "title",
          "userType",
          "preferredLanguage",
          "locale",
          "timezone");

  private static final String ENTERPRISE_PREFIX = ScimUsers.ENTERPRISE + ":";

  /** PatchGroup: "Only displayName, members, and externalId attributes are allowed". */
  private static final Set<String> GROUP_ATTRIBUTES =
      Set.of("displayName", "members", "externalId");

  private static final int MEMBER_CHANGES = 100;
  private static final Pattern MEMBER_FILTER =
      Pattern.compile("members\\[\\s*value\\s+eq\\s+\"([^\"]+)\"\\s*\\]", Pattern.CASE_INSENSITIVE);

  private record Op(String verb, @Nullable String path, JsonNode value) {}

  private final IdentityCenterStore store;

  ScimPatch(IdentityCenterStore store) {
    this.store = store;
  }

  /**
   * Paths are taken as the guide lists the attributes: a whole attribute ({@code title}, {@code
   * name}, {@code addresses}, {@code phoneNumbers}, {@code emails}), a name part ({@code
   * name.middleName}), the enterprise extension whole or one of its attributes by its URN path
   * ({@code urn:...:enterprise:2.0:User:department}, {@code ...:manager} with {@code {"value":
   * id}}). The guide documents no value filter ({@code addresses[type eq "work"].locality}) nor
   * sub-attribute path ({@code addresses.locality}) for a user's multi-valued attributes: such
   * paths are refused, the stricter reading, so a client replaces the one address whole.
   */
  void user(String id, JsonNode body) {
    store.user(id);
    List<Op> ops = new ArrayList<>();
    for (Op op : operations(body)) {
      ops.addAll(expand(op));
    }
    int userName = 0;
    int active = 0;
    for (Op op : ops) {
      String path = java.util.Objects.requireNonNull(op.path());
      checkUserPath(path);
      // "Multiple PATCH operations on userName or active attribute" are not supported, nor is
      // "remove" of either.
      if ((path.equals("userName") && ++userName > 1) || (path.equals("active") && ++active > 1)) {
        throw ScimError.invalid("more than one operation on " + path);
      }
      if (op.verb().equals("remove") && (path.equals("userName") || path.equals("active"))) {
        throw ScimError.invalid("remove is not supported for " + path);
      }
    }
    for (Op op : ops) {
      setUser(id, java.util.Objects.requireNonNull(op.path()), op.verb(), op.value());
    }
  }

  private static void checkUserPath(String path) {
    if (path.startsWith(ENTERPRISE_PREFIX)) {
      String rest = path.substring(ENTERPRISE_PREFIX.length());
      if (rest.equals("manager.displayName")) {
        throw ScimError.invalid("the displayName subattribute of manager is not supported");
      }
      ScimUsers.enterpriseAttribute(rest.equals("manager.value") ? "manager" : rest);
      return;
    }
    if (path.contains("[")) {
      throw ScimError.invalid("value filters are not supported in the path " + path);
    }
    String top = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
    if (ScimUsers.UNSUPPORTED.contains(top)) {
      throw ScimError.invalid(top + " is not supported");
    }
    boolean ok =
        USER_STRINGS.contains(path)
            || Set.of("active", "name", "emails", "addresses", "phoneNumbers", ScimUsers.ENTERPRISE)
                .contains(path)
            || (top.equals("name")
                && Set.of(
                        "givenName",
                        "familyName",
                        "middleName",
                        "honorificPrefix",
                        "honorificSuffix")
                    .contains(path.substring(5)));
    if (!ok) {
      throw ScimError.invalid("Modification is not allowed for " + path);
    }
  }

  private void setUser(String id, String path, String verb, JsonNode value) {
    boolean remove = verb.equals("remove");
    if (path.equals(ScimUsers.ENTERPRISE)) {
      if (remove) {
        for (UserAttribute a : UserAttribute.values()) {
          if (a.enterprise()) {
            store.setUserAttribute(id, a.path(), null);
          }
        }
      } else {
        ScimUsers.enterprise(value).forEach((a, v) -> store.setUserAttribute(id, a.path(), v));
      }
      return;
    }
    if (path.startsWith(ENTERPRISE_PREFIX)) {
      String rest = path.substring(ENTERPRISE_PREFIX.length());
      UserAttribute a =
          ScimUsers.enterpriseAttribute(rest.equals("manager.value") ? "manager" : rest);
      String v =
          remove
              ? null
              : a == UserAttribute.MANAGER && rest.equals("manager")
                  ? ScimUsers.manager(value)
                  : string(value);
      store.setUserAttribute(id, a.path(), v);
      return;
    }
    switch (path) {
      case "name" -> {
        for (String part :
            List.of(
                "givenName", "familyName", "middleName", "honorificPrefix", "honorificSuffix")) {
          if (remove || value.has(part)) {
            store.setUserAttribute(id, "name." + part, remove ? null : string(value.path(part)));
          }
        }
      }
      case "emails" -> store.setUserAttribute(id, path, remove ? null : ScimServer.email(value));
      case "addresses" -> store.setAddress(id, remove ? Map.of() : ScimUsers.address(value));
      case "phoneNumbers" ->
          store.setUserAttribute(id, path, remove ? null : ScimUsers.phone(value));
      case "active" -> {
        if (!value.isBoolean()) {
          throw ScimError.invalid("active must be true or false");
        }
        store.setUserAttribute(id, path, String.valueOf(value.asBoolean()));
      }
      default -> store.setUserAttribute(id, path, remove ? null : string(value));
    }
  }

  void group(String id, JsonNode body) {
    store.group(id);
    List<Runnable> writes = new ArrayList<>();
    List<String> users = new ArrayList<>();
    int memberChanges = 0;
    for (Op op : operations(body)) {
      for (Op o : expand(op)) {
        String path = java.util.Objects.requireNonNull(o.path());
        Matcher filter = MEMBER_FILTER.matcher(path);
        if (filter.matches()) {
          if (!o.verb().equals("remove")) {
            throw ScimError.invalid(o.verb() + " is not supported on " + path);
          }
          memberChanges++;
          writes.add(() -> removeMember(id, filter.group(1)));
        } else if (path.equalsIgnoreCase("members")) {
          // "If you attempt to replace or remove all group memberships as part of a single
          // request the result will be a ValidationException (HTTP/400)."
          if (o.verb().equals("replace") || !o.value().isArray() || o.value().isEmpty()) {
            throw ScimError.invalid("replacing or removing all members at once is not supported");
          }
          for (JsonNode m : o.value()) {
            String userId = string(m.path("value"));
            memberChanges++;
            if (o.verb().equals("add")) {
              users.add(userId);
              writes.add(() -> addMember(id, userId));
            } else {
              writes.add(() -> removeMember(id, userId));
            }
          }
        } else if (GROUP_ATTRIBUTES.contains(path)) {
          if (o.verb().equals("remove") && path.equals("displayName")) {
            throw ScimError.invalid("displayName cannot be removed");
          }
          String v = o.verb().equals("remove") ? null : string(o.value());
          writes.add(() -> store.setGroupAttribute(id, path, v));
        } else {
          throw ScimError.invalid(
              "Only displayName, members, and externalId attributes are allowed, not " + path);
        }
      }
    }
    if (memberChanges > MEMBER_CHANGES) {
      throw ScimError.invalid(
          "A maximum of 100 membership changes are allowed in a single request, had "
              + memberChanges);
    }
    users.forEach(store::user); // a member that does not exist fails the request before any write
    writes.forEach(Runnable::run);
  }

  private void addMember(String groupId, String userId) {
    if (store.membership(groupId, userId) == null) {
      store.addMember(groupId, userId);
    }
  }

  private void removeMember(String groupId, String userId) {
    Membership existing = store.membership(groupId, userId);
    if (existing != null) {
      store.removeMembership(existing.id());
    }
  }

  /**
   * RFC 7644 §3.5.2: {@code Operations}, each with an {@code op}; IAM Identity Center: add,
   * replace, remove; a path for remove; a value for add and replace.
   */
  private static List<Op> operations(JsonNode body) {
    JsonNode ops = body.path("Operations");
    if (!ops.isArray() || ops.isEmpty()) {
      throw ScimError.invalid("a PATCH needs Operations");
    }
    List<Op> out = new ArrayList<>();
    for (JsonNode op : ops) {
      String verb = op.path("op").asText("").toLowerCase(Locale.ROOT);
      if (!Set.of("add", "replace", "remove").contains(verb)) {
        throw ScimError.invalid("the operation must be add, replace or remove, was '" + verb + "'");
      }
      String path = op.hasNonNull("path") ? op.path("path").asText() : null;
      if (verb.equals("remove") && path == null) {
        throw ScimError.invalid("the path is required for a remove operation");
      }
      if (!verb.equals("remove") && (!op.has("value") || op.path("value").isNull())) {
        throw ScimError.invalid("a value is required for add and replace");
      }
      out.add(new Op(verb, path, op.path("value")));
    }
    return out;
  }

  /** An operation without a path sets each attribute of its value object. */
  private static List<Op> expand(Op op) {
    if (op.path() != null) {
      return List.of(op);
    }
    if (!op.value().isObject()) {
      throw ScimError.invalid("an operation without a path needs an object value");
    }
    List<Op> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = op.value().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.add(new Op(op.verb(), e.getKey(), e.getValue()));
    }
    return out;
  }

  private static String string(JsonNode value) {
    if (!value.isTextual()) {
      throw ScimError.invalid("expected a string value, got " + value);
    }
    return value.asText();
  }
}
