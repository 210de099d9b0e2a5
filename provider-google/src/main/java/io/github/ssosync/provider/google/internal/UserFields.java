package io.github.ssosync.provider.google.internal;

import com.google.api.services.directory.model.User;
import io.github.ssosync.query.FieldValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user as {@code users.get} returns it, field by field as the search guide names them ("Search
 * for users", Fields), so that the core evaluator decides what Google's search would. Fields this
 * object cannot decide answer null, which the evaluator counts as matching: {@code manager} and
 * {@code managerId} reach up the whole management chain (one user's {@code relations} show only the
 * direct manager), and {@code directManagerId} is an id where {@code relations} hold emails.
 */
final class UserFields implements FieldValues {
  private final User user;

  UserFields(User user) {
    this.user = user;
  }

  @Override
  public @Nullable List<String> values(String field) {
    return switch (field) {
      case "" -> join(one(given()), one(family()), emails());
      case "email" -> emails();
      case "givenName" -> one(given());
      case "familyName" -> one(family());
      case "name" ->
          List.of(
              (Objects.requireNonNullElse(given(), "")
                      + " "
                      + Objects.requireNonNullElse(family(), ""))
                  .strip());
      case "isAdmin" -> flag(user.getIsAdmin());
      case "isDelegatedAdmin" -> flag(user.getIsDelegatedAdmin());
      case "isSuspended" -> flag(user.getSuspended());
      case "isArchived" -> flag(user.getArchived());
      case "isEnrolledIn2Sv" -> flag(user.getIsEnrolledIn2Sv());
      case "isEnforcedIn2Sv" -> flag(user.getIsEnforcedIn2Sv());
      case "isGuest" -> flag(user.getIsGuestUser());
      case "orgUnitPath" -> List.of(user.getOrgUnitPath() == null ? "/" : user.getOrgUnitPath());
      case "im" -> entries(user.getIms(), "im");
      case "externalId" -> entries(user.getExternalIds(), "value");
      case "phone" -> entries(user.getPhones(), "value");
      case "directManager" -> managers();
      case "manager", "managerId", "directManagerId" -> null;
      case "address" ->
          entries(
              user.getAddresses(),
              "formatted",
              "poBox",
              "extendedAddress",
              "streetAddress",
              "locality",
              "region",
              "postalCode",
              "country");
      case "addressPoBox" -> entries(user.getAddresses(), "poBox");
      case "addressExtended" -> entries(user.getAddresses(), "extendedAddress");
      case "addressStreet" -> entries(user.getAddresses(), "streetAddress");
      case "addressLocality" -> entries(user.getAddresses(), "locality");
      case "addressRegion" -> entries(user.getAddresses(), "region");
      case "addressPostalCode" -> entries(user.getAddresses(), "postalCode");
      case "addressCountry" -> entries(user.getAddresses(), "country");
      case "orgName" -> entries(user.getOrganizations(), "name");
      case "orgTitle" -> entries(user.getOrganizations(), "title");
      case "orgDepartment" -> entries(user.getOrganizations(), "department");
      case "orgDescription" -> entries(user.getOrganizations(), "description");
      case "orgCostCenter" -> entries(user.getOrganizations(), "costCenter");
      default -> custom(field);
    };
  }

  private @Nullable String given() {
    return user.getName() == null ? null : user.getName().getGivenName();
  }

  private @Nullable String family() {
    return user.getName() == null ? null : user.getName().getFamilyName();
  }

  /** "The user's email addresses, including aliases." */
  private List<String> emails() {
    List<String> out = new ArrayList<>();
    if (user.getPrimaryEmail() != null) {
      out.add(user.getPrimaryEmail());
    }
    if (user.getAliases() != null) {
      out.addAll(user.getAliases());
    }
    out.addAll(entries(user.getEmails(), "address"));
    return out;
  }

  private List<String> managers() {
    List<String> out = new ArrayList<>();
    if (user.getRelations() instanceof Collection<?> list) {
      for (Object r : list) {
        if (r instanceof Map<?, ?> m && "manager".equals(m.get("type")) && m.get("value") != null) {
          out.add(String.valueOf(m.get("value")));
        }
      }
    }
    return out;
  }

  /** {@code schemaName.fieldName}: a value, or a multi-valued field's {@code [{value}]}. */
  private @Nullable List<String> custom(String field) {
    int dot = field.indexOf('.');
    if (dot < 0) {
      return null;
    }
    Map<String, Map<String, Object>> schemas = user.getCustomSchemas();
    if (schemas == null) {
      return List.of();
    }
    Map<String, Object> schema = schemas.get(field.substring(0, dot));
    Object v = schema == null ? null : schema.get(field.substring(dot + 1));
    if (v instanceof Collection<?> list) {
      List<String> out = new ArrayList<>();
      for (Object item : list) {
        Object value = item instanceof Map<?, ?> m ? m.get("value") : item;
        if (value != null) {
          out.add(String.valueOf(value));
        }
      }
      return out;
    }
    return v == null ? List.of() : List.of(String.valueOf(v));
  }

  private static List<String> entries(@Nullable Object list, String... keys) {
    List<String> out = new ArrayList<>();
    if (list instanceof Collection<?> items) {
      for (Object item : items) {
        if (item instanceof Map<?, ?> m) {
          for (String k : keys) {
            if (m.get(k) != null) {
              out.add(String.valueOf(m.get(k)));
            }
          }
        }
      }
    }
    return out;
  }

  private static List<String> one(@Nullable String v) {
    return v == null ? List.of() : List.of(v);
  }

  private static List<String> flag(@Nullable Boolean b) {
    return List.of(String.valueOf(Boolean.TRUE.equals(b)));
  }

  @SafeVarargs
  private static List<String> join(List<String>... lists) {
    List<String> out = new ArrayList<>();
    for (List<String> l : lists) {
      out.addAll(l);
    }
    return out;
  }
}
