package io.github.ssosync.emulators.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.google.PartialResponse.Schema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The directory the emulator serves, indexed by id and email so that 100,000 users stay fast, and
 * the JSON forms of its resources (Directory API reference: Users, Groups and Members resources).
 */
final class DirectoryResources {
  static final ObjectMapper JSON = new ObjectMapper();

  /** User fields of the Users resource (reference, "Resource: User"). */
  static final Schema USER =
      Schema.of(
              Set.of(
                  "kind",
                  "id",
                  "etag",
                  "primaryEmail",
                  "isAdmin",
                  "isDelegatedAdmin",
                  "lastLoginTime",
                  "creationTime",
                  "agreedToTerms",
                  "suspended",
                  "suspensionReason",
                  "archived",
                  "changePasswordAtNextLogin",
                  "ipWhitelisted",
                  "emails",
                  "externalIds",
                  "relations",
                  "aliases",
                  "nonEditableAliases",
                  "organizations",
                  "phones",
                  "addresses",
                  "ims",
                  "languages",
                  "customerId",
                  "orgUnitPath",
                  "isMailboxSetup",
                  "isEnrolledIn2Sv",
                  "isEnforcedIn2Sv",
                  "includeInGlobalAddressList",
                  "thumbnailPhotoUrl",
                  "thumbnailPhotoEtag",
                  "customSchemas",
                  "recoveryEmail",
                  "recoveryPhone",
                  "gender",
                  "locations",
                  "keywords",
                  "websites",
                  "posixAccounts",
                  "sshPublicKeys",
                  "notes",
                  "deletionTime",
                  "isGuestUser",
                  "guestAccountInfo"))
          .with("name", Schema.of(Set.of("givenName", "familyName", "fullName", "displayName")));

  /** Group fields (reference, "Resource: Group"). */
  static final Schema GROUP =
      Schema.of(
          Set.of(
              "kind",
              "id",
              "etag",
              "email",
              "name",
              "directMembersCount",
              "description",
              "aliases",
              "nonEditableAliases",
              "adminCreated"));

  /** Member fields (reference, "Resource: Member"). */
  static final Schema MEMBER =
      Schema.of(
          Set.of("kind", "etag", "id", "email", "role", "type", "status", "delivery_settings"));

  static final Schema USERS =
      Schema.of(Set.of("kind", "etag", "trigger_event", "nextPageToken")).with("users", USER);
  static final Schema GROUPS =
      Schema.of(Set.of("kind", "etag", "nextPageToken")).with("groups", GROUP);
  static final Schema MEMBERS =
      Schema.of(Set.of("kind", "etag", "nextPageToken")).with("members", MEMBER);
  static final Schema HAS_MEMBER = Schema.of(Set.of("isMember"));

  private DirectoryResources() {}

  /** The directory served, with lookups by id and lower-cased email, and its domains. */
  record Served(
      DirectoryContent content,
      Map<String, DirectoryUser> usersByKey,
      Map<String, DirectoryGroup> groupsByKey,
      Set<String> domains,
      Set<String> customSchemas) {
    static Served of(DirectoryContent content) {
      Map<String, DirectoryUser> users = new HashMap<>();
      Set<String> domains = new HashSet<>();
      Set<String> schemas = new HashSet<>();
      for (DirectoryUser u : content.users()) {
        users.putIfAbsent(u.id(), u);
        users.putIfAbsent(lower(u.primaryEmail()), u);
        domains.add(domainOf(u.primaryEmail()));
        for (String k : u.attributes().keySet()) {
          String schema = UserProfile.schemaOf(k);
          if (schema != null) {
            schemas.add(schema);
          }
        }
      }
      Map<String, DirectoryGroup> groups = new HashMap<>();
      for (DirectoryGroup g : content.groups()) {
        groups.putIfAbsent(g.id(), g);
        groups.putIfAbsent(lower(g.email()), g);
        domains.add(domainOf(g.email()));
      }
      return new Served(content, users, groups, domains, schemas);
    }

    Optional<DirectoryUser> user(String key) {
      DirectoryUser u = usersByKey.get(key);
      return Optional.ofNullable(u != null ? u : usersByKey.get(lower(key)));
    }

    Optional<DirectoryGroup> group(String key) {
      DirectoryGroup g = groupsByKey.get(key);
      return Optional.ofNullable(g != null ? g : groupsByKey.get(lower(key)));
    }

    List<DirectoryMember> members(String groupId) {
      return content.members().getOrDefault(groupId, List.of());
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static String domainOf(String email) {
    return lower(email.substring(email.lastIndexOf('@') + 1));
  }

  /**
   * A user as users.get and users.list return it. Fields the record has no component for come from
   * its attributes: the admin flags under their search names ({@code isAdmin}), the profile fields
   * under the keys {@link DirectoryUser} documents (see {@link UserProfile}), so that what a query
   * selects and what a read shows agree.
   *
   * @param schemas the custom schemas the projection returns: null for all ({@code full}), empty
   *     for none ({@code basic}), else those {@code customFieldMask} names ({@code custom})
   * @param overlay Google-shaped fields set by {@link GoogleDirectoryEmulator#userFields}, or null
   */
  static ObjectNode user(
      DirectoryUser u, @Nullable Set<String> schemas, @Nullable ObjectNode overlay) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", "admin#directory#user");
    n.put("id", u.id());
    n.put("etag", "\"u" + u.hashCode() + "\"");
    n.put("primaryEmail", u.primaryEmail());
    ObjectNode name = n.putObject("name");
    if (u.givenName() != null) {
      name.put("givenName", u.givenName());
    }
    if (u.familyName() != null) {
      name.put("familyName", u.familyName());
    }
    name.put(
        "fullName",
        ((u.givenName() == null ? "" : u.givenName())
                + " "
                + (u.familyName() == null ? "" : u.familyName()))
            .strip());
    Map<String, String> a = u.attributes();
    for (String flag :
        List.of("isAdmin", "isDelegatedAdmin", "isEnrolledIn2Sv", "isEnforcedIn2Sv")) {
      n.put(flag, Boolean.parseBoolean(a.get(flag)));
    }
    n.put("suspended", u.suspended());
    n.put("archived", u.archived());
    n.put("orgUnitPath", u.orgUnitPath() == null ? "/" : u.orgUnitPath());
    n.put("customerId", GoogleDirectoryEmulator.CUSTOMER_ID);
    UserProfile.render(n, u, overlay);
    UserProfile.project(n, schemas);
    return n;
  }

  static ObjectNode group(DirectoryGroup g, int directMembers) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", "admin#directory#group");
    n.put("id", g.id());
    n.put("etag", "\"g" + g.hashCode() + "\"");
    n.put("email", g.email());
    n.put("name", g.name());
    n.put("directMembersCount", String.valueOf(directMembers));
    n.put("description", g.description() == null ? "" : g.description());
    n.put("adminCreated", true);
    return n;
  }

  /**
   * A member. A member of another organisation and an external one carry no {@code status}: Google
   * stopped sending it for external memberships (hlavki/g-suite-identity-sync#21).
   */
  static ObjectNode member(DirectoryMember m, Served c, boolean foreign) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", "admin#directory#member");
    n.put("etag", "\"m" + m.hashCode() + "\"");
    n.put("id", m.id());
    if (m.email() != null) {
      n.put("email", m.email());
    }
    n.put("role", m.role().name());
    n.put("type", m.type().name());
    if (m.type() == MemberType.USER && !foreign) {
      boolean suspended = c.user(m.id()).map(DirectoryUser::suspended).orElse(false);
      n.put("status", suspended ? "SUSPENDED" : "ACTIVE");
      n.put("delivery_settings", "ALL_MAIL");
    }
    return n;
  }

  /**
   * Google's error JSON. The Directory API's own errors carry {@code code}, {@code message} and
   * {@code errors[{message, domain, reason}]} and no {@code status} (bodies quoted in
   * googleapis/google-api-ruby-client#468, 2023, and hlavki/g-suite-identity-sync#28); quota errors
   * come from Google's front end and add {@code status}.
   */
  static String error(int code, String message, String reason, @Nullable String status) {
    ObjectNode out = JSON.createObjectNode();
    ObjectNode error = out.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ObjectNode detail = error.putArray("errors").addObject();
    detail.put("message", message);
    detail.put(
        "domain",
        reason.endsWith("RateLimitExceeded") || reason.equals("rateLimitExceeded")
            ? "usageLimits"
            : "global");
    detail.put("reason", reason);
    if (status != null) {
      error.put("status", status);
    }
    return out.toString();
  }
}
