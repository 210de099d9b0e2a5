package io.github.ssosync.emulators.aws;

import io.github.ssosync.mapping.UserAttribute;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The values IAM Identity Center accepts, shared by both front ends (the SCIM endpoint writes the
 * same store, so it refuses what the Identity Store API refuses).
 *
 * <p>Source: the Identity Store API model (botocore {@code data/identitystore/2020-06-15/
 * service-2.json}, shapes {@code UserName}, {@code GroupDisplayName}, {@code SensitiveStringType},
 * {@code ExternalIdIdentifier}, {@code ResourceId}, {@code IdentityStoreId}, {@code NextToken}),
 * and the API reference of {@code CreateUser.UserName} and {@code CreateGroup.DisplayName}:
 * "Administrator and AWSAdministrators are reserved names and can't be used for users or groups".
 * Where the sources are silent the stricter reading is taken: reserved names are compared ignoring
 * case (names are unique ignoring case), lengths count UTF-16 code units (a character outside the
 * Basic Multilingual Plane counts twice), and a value of white space only is refused.
 */
final class IdentityCenterRules {
  private IdentityCenterRules() {}

  /** {@code UserName}: 1 to 128 letters, marks, symbols, numbers and punctuation; no space. */
  static final Pattern USER_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");

  /**
   * {@code SensitiveStringType} (user display name, {@code Name.*}, {@code Email.Value}, group
   * description): 1 to 1,024 of the above, tab, new line, carriage return, space, no-break space
   * (U+00A0) and ideographic space (U+3000).
   */
  static final Pattern TEXT =
      Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00a0\\u3000]+");

  /**
   * SCIM addresses (PutUser/CreateUser constraints: "letters, accented characters, symbols,
   * numbers, punctuation, space (normal and nonbreaking)").
   */
  static final Pattern ADDRESS = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P} \\u00a0]+");

  /** {@code GroupDisplayName}: as {@link #TEXT} but without the ideographic space. */
  static final Pattern GROUP_NAME =
      Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00a0]+");

  /** {@code ExternalIdIdentifier}: 1 to 256, no white space. */
  static final Pattern EXTERNAL_ID = USER_NAME;

  /** {@code ResourceId}: a UUID, for newer stores prefixed by the store's ten hex digits. */
  static final Pattern RESOURCE_ID =
      Pattern.compile(
          "([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}");

  /** {@code IdentityStoreId}. */
  static final Pattern IDENTITY_STORE_ID =
      Pattern.compile(
          "d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** {@code NextToken}, and the SCIM {@code cursor} (ListUsers/ListGroups in the SCIM guide). */
  static final Pattern PAGE_TOKEN = Pattern.compile("[-a-zA-Z0-9+=/:_]*");

  /** {@code AttributePath} of UpdateUser/UpdateGroup operations. */
  static final Pattern ATTRIBUTE_PATH = Pattern.compile("\\p{L}+(?:\\.\\p{L}+){0,2}");

  static final int USER_NAME_MAX = 128;
  static final int TEXT_MAX = 1024;
  static final int EXTERNAL_ID_MAX = 256;

  private static final Set<String> RESERVED = Set.of("administrator", "awsadministrators");

  static String userName(String field, @Nullable String value) {
    check(field, value, USER_NAME_MAX, USER_NAME);
    return reserved(field, value);
  }

  static String groupName(String field, @Nullable String value) {
    check(field, value, TEXT_MAX, GROUP_NAME);
    return reserved(field, value);
  }

  static String text(String field, @Nullable String value) {
    return check(field, value, TEXT_MAX, TEXT);
  }

  static String externalId(String field, @Nullable String value) {
    return check(field, value, EXTERNAL_ID_MAX, EXTERNAL_ID);
  }

  static String check(String field, @Nullable String value, int max, Pattern pattern) {
    if (value == null || value.isEmpty()) {
      throw invalid(field + " must not be empty (minimum length 1)");
    }
    if (value.isBlank()) {
      throw invalid(field + " must not be blank");
    }
    if (value.length() > max) {
      throw invalid(field + " is longer than " + max + " characters");
    }
    if (!pattern.matcher(value).matches()) {
      throw invalid(
          "Value at '"
              + field
              + "' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: "
              + pattern.pattern());
    }
    return value;
  }

  private static String reserved(String field, String value) {
    if (RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
      throw invalid(field + " '" + value + "' is a reserved name");
    }
    return value;
  }

  /** The parts of a user's one address. */
  static final Set<UserAttribute> ADDRESS_PARTS =
      EnumSet.of(
          UserAttribute.STREET_ADDRESS,
          UserAttribute.LOCALITY,
          UserAttribute.REGION,
          UserAttribute.POSTAL_CODE,
          UserAttribute.COUNTRY,
          UserAttribute.FORMATTED_ADDRESS);

  /** An optional attribute named by its path, such as {@code enterprise.department}. */
  static UserAttribute optionalAttribute(String path) {
    UserAttribute a = UserAttribute.named(path);
    if (a == null || a.required() || !a.path().equals(path)) {
      throw invalid("Invalid attribute path " + path);
    }
    return a;
  }

  /**
   * The value of an optional attribute. Every optional string is a {@code SensitiveStringType} in
   * the Identity Store model (1..1024 of {@link #TEXT}); address parts take the SCIM guide's
   * narrower character set (PutUser: "The addresses field can contain letters, accented characters,
   * symbols, numbers, punctuation, space (normal and nonbreaking)"), applied to both APIs, the
   * stricter reading. The enterprise extension's values are typed nowhere in the model (a
   * document): they take the rule of the other strings, the stricter reading. A manager is a user
   * id ({@code ResourceId}); that the user exists is the store's check.
   */
  static String optional(UserAttribute a, String value) {
    if (a.required()) {
      throw invalid(a.path() + " is not an optional attribute");
    }
    if (a == UserAttribute.MANAGER) {
      return check("enterprise.manager.value", value, TEXT_MAX, RESOURCE_ID);
    }
    return check(a.path(), value, TEXT_MAX, ADDRESS_PARTS.contains(a) ? ADDRESS : TEXT);
  }

  static StoreException invalid(String message) {
    return new StoreException(StoreException.Kind.VALIDATION, "", message);
  }
}
