package io.github.ssosync.query;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one user or group holds for each query field, as strings: a source hands its own objects to
 * the evaluator through this. A field may hold several values (a user's email addresses including
 * aliases, the titles of several organisations); a clause matches when one of them does.
 */
@FunctionalInterface
public interface FieldValues {

  /**
   * @param field a field as the tables name it ({@code email}, {@code orgUnitPath}, {@code
   *     memberKey}, {@code Schema.field}); {@code ""} asks for what a bare word is compared with
   * @return the values, empty when the object has none (booleans: none reads as {@code false}); or
   *     null when this object cannot tell, in which case the clause counts as matching, so that an
   *     object is never taken for unselected on a field nobody read
   */
  @Nullable List<String> values(String field);

  /**
   * A user held in memory: {@code email} is the primary email, {@code name} the given and family
   * name joined by a space, {@code isSuspended}, {@code isArchived} and {@code orgUnitPath} ({@code
   * /} when absent) come from the record; every other field is read from {@link
   * DirectoryUser#attributes()} under the field's name and under the attribute key that holds it
   * (see {@link DirectoryUser}): {@code orgTitle} and the other {@code org*} fields from {@code
   * organizations.<field>}, {@code directManager} from {@code relations.manager}, {@code
   * externalId} from every {@code externalIds.<type>}, {@code phone} from {@code phones} and every
   * {@code phones.<type>}, and a custom field {@code Schema.field} from {@code
   * customSchemas.Schema.field}; so a query written for Google selects the same users of any
   * source.
   *
   * @param user the user
   * @return its values
   */
  static FieldValues of(DirectoryUser user) {
    return field ->
        switch (field) {
          case "" -> nonNull(user.givenName(), user.familyName(), user.primaryEmail());
          case "email" -> List.of(user.primaryEmail());
          case "givenName" -> nonNull(user.givenName());
          case "familyName" -> nonNull(user.familyName());
          case "name" ->
              List.of(
                  (Objects.requireNonNullElse(user.givenName(), "")
                          + " "
                          + Objects.requireNonNullElse(user.familyName(), ""))
                      .strip());
          case "isSuspended" -> List.of(String.valueOf(user.suspended()));
          case "isArchived" -> List.of(String.valueOf(user.archived()));
          case "orgUnitPath" -> List.of(Objects.requireNonNullElse(user.orgUnitPath(), "/"));
          default -> attribute(user.attributes(), field);
        };
  }

  private static List<String> attribute(java.util.Map<String, String> a, String field) {
    List<String> out = nonNull(a.get(field));
    String prefix =
        switch (field) {
          case "orgName" -> "organizations.name";
          case "orgTitle" -> "organizations.title";
          case "orgDepartment" -> "organizations.department";
          case "orgDescription" -> "organizations.description";
          case "orgCostCenter" -> "organizations.costCenter";
          case "directManager" -> "relations.manager";
          case "externalId" -> "externalIds.";
          case "phone" -> "phones";
          default ->
              field.indexOf('.') > 0 && !field.startsWith("customSchemas.")
                  ? "customSchemas." + field
                  : null;
        };
    if (prefix == null) {
      return out;
    }
    if (!prefix.endsWith(".") && !prefix.equals("phones")) {
      String v = a.get(prefix);
      if (v != null) {
        out.add(v);
      }
      return out;
    }
    // several entries: every typed one (and for phone, the primary too)
    a.forEach(
        (k, v) -> {
          if (k.equals(prefix) || k.startsWith(prefix.endsWith(".") ? prefix : prefix + ".")) {
            out.add(v);
          }
        });
    return out;
  }

  /**
   * A group held in memory, with its direct members for {@code memberKey} (a member's id or email).
   *
   * @param group the group
   * @param directMembers its direct members
   * @return its values
   */
  static FieldValues of(DirectoryGroup group, List<DirectoryMember> directMembers) {
    return field ->
        switch (field) {
          case "email" -> List.of(group.email());
          case "name" -> List.of(group.name());
          case "memberKey" -> {
            List<String> keys = new ArrayList<>(directMembers.size() * 2);
            for (DirectoryMember m : directMembers) {
              keys.add(m.id());
              if (m.email() != null) {
                keys.add(m.email());
              }
            }
            yield keys;
          }
          default -> List.of();
        };
  }

  private static List<String> nonNull(@Nullable String... values) {
    List<String> out = new ArrayList<>(values.length);
    for (String v : values) {
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }
}
