package io.github.ssosync.mapping;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A user attribute IAM Identity Center keeps, as an attribute mapping names it. The set is the one
 * its SCIM implementation guide lists as supported (core user schema and the enterprise extension;
 * "Supported attributes") and the Identity Store {@code User} shape holds: one email, one address
 * (type {@code work}) and one phone number (type {@code work}), since IAM Identity Center keeps a
 * single value of each multi-valued attribute.
 *
 * <p>The first five are required by IAM Identity Center and always mapped; the others are mapped
 * only when the mapping names them, and only mapped attributes are ever written or cleared.
 */
public enum UserAttribute {
  /** The unique login name; must match what the SAML assertion sends. */
  USER_NAME("userName", "userName", "{primaryEmail}"),
  /** {@code name.givenName}. */
  GIVEN_NAME("givenName", "name.givenName", "{givenName}"),
  /** {@code name.familyName}. */
  FAMILY_NAME("familyName", "name.familyName", "{familyName}"),
  /** {@code displayName}. */
  DISPLAY_NAME("displayName", "displayName", "{givenName} {familyName}"),
  /** The one email, type {@code work}, primary. */
  EMAIL("email", "emails", "{primaryEmail}"),
  /** {@code name.middleName}. */
  MIDDLE_NAME("middleName", "name.middleName", null),
  /** {@code name.honorificPrefix}, such as {@code Dr.}. */
  HONORIFIC_PREFIX("honorificPrefix", "name.honorificPrefix", null),
  /** {@code name.honorificSuffix}, such as {@code Jr.}. */
  HONORIFIC_SUFFIX("honorificSuffix", "name.honorificSuffix", null),
  /** {@code nickName}. */
  NICK_NAME("nickName", "nickName", null),
  /** {@code profileUrl}. */
  PROFILE_URL("profileUrl", "profileUrl", null),
  /** {@code title}: the job title. */
  TITLE("title", "title", "{organizations.title}"),
  /** {@code userType}, such as {@code Employee} or {@code Contractor}. */
  USER_TYPE("userType", "userType", null),
  /** {@code preferredLanguage}, such as {@code en-US}. */
  PREFERRED_LANGUAGE("preferredLanguage", "preferredLanguage", "{languages}"),
  /** {@code locale}, such as {@code en-US}. */
  LOCALE("locale", "locale", null),
  /** {@code timezone}, such as {@code America/Los_Angeles}. */
  TIMEZONE("timezone", "timezone", null),
  /** The one phone number, type {@code work}. */
  PHONE_NUMBER("phoneNumber", "phoneNumbers", "{phones}"),
  /** The work address's street. */
  STREET_ADDRESS("streetAddress", "addresses.streetAddress", "{addresses.streetAddress}"),
  /** The work address's city. */
  LOCALITY("locality", "addresses.locality", "{addresses.locality}"),
  /** The work address's state or region. */
  REGION("region", "addresses.region", "{addresses.region}"),
  /** The work address's postal code. */
  POSTAL_CODE("postalCode", "addresses.postalCode", "{addresses.postalCode}"),
  /** The work address's country. */
  COUNTRY("country", "addresses.country", "{addresses.country}"),
  /** The work address as one formatted text. */
  FORMATTED_ADDRESS("formattedAddress", "addresses.formatted", "{addresses.formatted}"),
  /** Enterprise extension {@code employeeNumber}. */
  EMPLOYEE_NUMBER("employeeNumber", "enterprise.employeeNumber", "{externalIds.organization}"),
  /** Enterprise extension {@code costCenter}. */
  COST_CENTER("costCenter", "enterprise.costCenter", "{organizations.costCenter}"),
  /** Enterprise extension {@code organization}. */
  ORGANIZATION("organization", "enterprise.organization", "{organizations.name}"),
  /** Enterprise extension {@code division}. */
  DIVISION("division", "enterprise.division", null),
  /** Enterprise extension {@code department}: the usual ABAC key. */
  DEPARTMENT("department", "enterprise.department", "{organizations.department}"),
  /**
   * Enterprise extension {@code manager}: a reference to another user of the store. Its source
   * expression gives the manager's primary email; the planner resolves it to that user.
   */
  MANAGER("manager", "enterprise.manager", "{relations.manager}");

  private final String key;
  private final String path;
  private final @Nullable String suggestedSource;

  UserAttribute(String key, String path, @Nullable String suggestedSource) {
    this.key = key;
    this.path = path;
    this.suggestedSource = suggestedSource;
  }

  /** The name a mapping file or {@code --user-attributes} uses, such as {@code costCenter}. */
  public String key() {
    return key;
  }

  /**
   * The attribute's path in plans and {@link io.github.ssosync.change.AttributeChange}s, after SCIM
   * ({@code name.middleName}, {@code addresses.locality}, {@code enterprise.department}); a target
   * translates it into its own API's form.
   */
  public String path() {
    return path;
  }

  /**
   * The source expression used when the attribute is named without one ({@code --user-attributes
   * department}), over the keys of {@link io.github.ssosync.directory.DirectoryUser#attributes()};
   * absent when no directory field is the obvious source.
   */
  public @Nullable String suggestedSource() {
    return suggestedSource;
  }

  /** Whether IAM Identity Center requires the attribute, so that it is always mapped. */
  public boolean required() {
    return ordinal() <= EMAIL.ordinal();
  }

  /** Whether it is an attribute of the SCIM enterprise extension. */
  public boolean enterprise() {
    return path.startsWith("enterprise.");
  }

  /**
   * @param keyOrPath a key ({@code costCenter}) or path ({@code enterprise.costCenter}), in any
   *     case
   * @return the attribute, or null if there is none by that name
   */
  public static @Nullable UserAttribute named(String keyOrPath) {
    String wanted = keyOrPath.strip().toLowerCase(Locale.ROOT);
    for (UserAttribute a : values()) {
      if (a.key.toLowerCase(Locale.ROOT).equals(wanted)
          || a.path.toLowerCase(Locale.ROOT).equals(wanted)) {
        return a;
      }
    }
    return null;
  }
}
