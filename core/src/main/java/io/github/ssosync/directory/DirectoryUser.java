package io.github.ssosync.directory;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user as the directory knows it.
 *
 * <p>{@code attributes} holds the further values an attribute mapping may read, one string each,
 * under keys named after Google's user resource so that every source speaks the same names (a
 * source fills those it has; a missing key is an empty value):
 *
 * <ul>
 *   <li>{@code name.fullName}, {@code name.displayName}
 *   <li>{@code organizations.<field>}: the primary organization (else the first) — {@code title},
 *       {@code department}, {@code costCenter}, {@code name}, {@code description}, {@code
 *       location}, {@code symbol}, {@code domain}
 *   <li>{@code phones}: the primary phone number (else the first); {@code phones.<type>}: the first
 *       of that type ({@code work}, {@code mobile}, …, or a custom type's name)
 *   <li>{@code addresses.<field>}: the primary address (else the first) — {@code formatted}, {@code
 *       streetAddress}, {@code locality}, {@code region}, {@code postalCode}, {@code country},
 *       {@code countryCode}, {@code poBox}, {@code extendedAddress}; {@code
 *       addresses.<type>.<field>}: the first address of that type
 *   <li>{@code externalIds.<type>}: the first external id of that type ({@code organization} is the
 *       employee id; a custom type by its name)
 *   <li>{@code relations.<type>}: the first relation of that type; {@code relations.manager} is the
 *       manager's email
 *   <li>{@code locations.<field>}: the first location — {@code buildingId}, {@code floorName},
 *       {@code floorSection}, {@code deskCode}, {@code area}
 *   <li>{@code languages}: the first language's code (or its custom language)
 *   <li>{@code emails.<type>}: the first further email of that type
 *   <li>{@code customSchemas.<schema>.<field>}: a custom schema field (a multi-valued field's first
 *       value)
 * </ul>
 *
 * @param id the directory's stable, immutable id (Google's numeric user id); the anchor that
 *     survives renames
 * @param primaryEmail the primary email, as the directory spells it
 * @param givenName given name, absent when the directory has none
 * @param familyName family name, absent when the directory has none
 * @param suspended whether the directory has suspended the user
 * @param archived whether the directory has archived the user (archived users are never synced)
 * @param orgUnitPath the organisational unit, such as {@code /Engineering}, when known
 * @param attributes further attributes an attribute mapping may read, by the keys above; never null
 */
public record DirectoryUser(
    String id,
    String primaryEmail,
    @Nullable String givenName,
    @Nullable String familyName,
    boolean suspended,
    boolean archived,
    @Nullable String orgUnitPath,
    Map<String, String> attributes) {

  /** Validates and copies. */
  public DirectoryUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(primaryEmail, "primaryEmail");
    attributes = Map.copyOf(attributes);
  }

  /**
   * An active, unarchived user with no org unit or further attributes.
   *
   * @param id stable id
   * @param primaryEmail primary email
   * @param givenName given name
   * @param familyName family name
   * @return the user
   */
  public static DirectoryUser of(
      String id, String primaryEmail, @Nullable String givenName, @Nullable String familyName) {
    return new DirectoryUser(id, primaryEmail, givenName, familyName, false, false, null, Map.of());
  }

  /**
   * @param suspended the new suspended flag
   * @return a copy with the suspended flag set as given
   */
  public DirectoryUser withSuspended(boolean suspended) {
    return new DirectoryUser(
        id, primaryEmail, givenName, familyName, suspended, archived, orgUnitPath, attributes);
  }

  /**
   * @param archived the new archived flag
   * @return a copy with the archived flag set as given
   */
  public DirectoryUser withArchived(boolean archived) {
    return new DirectoryUser(
        id, primaryEmail, givenName, familyName, suspended, archived, orgUnitPath, attributes);
  }

  /**
   * @param primaryEmail the new primary email
   * @return a copy with another primary email (a rename)
   */
  public DirectoryUser withPrimaryEmail(String primaryEmail) {
    return new DirectoryUser(
        id, primaryEmail, givenName, familyName, suspended, archived, orgUnitPath, attributes);
  }

  /**
   * @param givenName the new given name
   * @param familyName the new family name
   * @return a copy with other names
   */
  public DirectoryUser withNames(@Nullable String givenName, @Nullable String familyName) {
    return new DirectoryUser(
        id, primaryEmail, givenName, familyName, suspended, archived, orgUnitPath, attributes);
  }

  /**
   * @param orgUnitPath the new org unit path
   * @return a copy in another org unit
   */
  public DirectoryUser withOrgUnitPath(@Nullable String orgUnitPath) {
    return new DirectoryUser(
        id, primaryEmail, givenName, familyName, suspended, archived, orgUnitPath, attributes);
  }
}
