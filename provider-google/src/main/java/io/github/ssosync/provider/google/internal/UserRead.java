package io.github.ssosync.provider.google.internal;

import com.google.api.services.directory.Directory;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.directory.UserAttributeKey;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every {@code users.list} and {@code users.get} of one read asks for: the fields the sync
 * needs, and only those ({@code fields}, "Performance tips", partial response), plus the fields
 * behind the attributes the mapping reads. Custom schema fields come only with a projection that
 * names them: {@code projection=custom} with {@code customFieldMask} listing the schemas ("Include
 * custom fields from schemas requested in customFieldMask"; the default {@code basic} "Do not
 * include any custom fields"; users.list and users.get reference), so they arrive in the same call,
 * never in another.
 *
 * @param fields the users' partial-response mask
 * @param customSchemas the schemas to ask for, comma separated; empty when none
 */
record UserRead(String fields, String customSchemas) {
  /** The fields the sync itself needs of every user. */
  static final String BASE =
      "id,primaryEmail,name(givenName,familyName),suspended,archived,orgUnitPath";

  /** A read of no further attributes: today's smallest read. */
  static final UserRead MINIMAL = new UserRead(BASE, "");

  /**
   * @param userAttributes keys of {@code DirectoryUser#attributes()} the mapping reads
   * @return the read that fetches them in the same calls
   * @throws ProviderException (INVALID) naming a key no source fills
   */
  static UserRead of(Set<String> userAttributes) {
    if (userAttributes.isEmpty()) {
      return MINIMAL;
    }
    Set<String> families = new TreeSet<>();
    Set<String> schemas = new TreeSet<>();
    boolean names = false;
    for (String k : userAttributes) {
      UserAttributeKey key;
      try {
        key = UserAttributeKey.parse(k);
      } catch (IllegalArgumentException e) {
        throw new ProviderException(Reason.INVALID, e.getMessage(), e);
      }
      switch (key.family()) {
        case "name" -> names = true;
        case "customSchemas" -> schemas.add(key.type());
        default -> families.add(key.family());
      }
    }
    StringBuilder fields =
        new StringBuilder(
            names
                ? "id,primaryEmail,name(givenName,familyName,fullName,displayName),suspended,"
                    + "archived,orgUnitPath"
                : BASE);
    families.forEach(f -> fields.append(',').append(f));
    if (!schemas.isEmpty()) {
      fields.append(",customSchemas");
    }
    return new UserRead(fields.toString(), String.join(",", schemas));
  }

  /** Names the custom schemas in a call's description, for an error that is about them. */
  String describe() {
    return customSchemas.isEmpty() ? "" : " (custom schemas " + customSchemas + ")";
  }

  /**
   * @param list a users.list request
   * @return it, asking for what this read needs
   */
  Directory.Users.List apply(Directory.Users.List list) {
    list.setFields("nextPageToken,users(" + fields + ")");
    if (!customSchemas.isEmpty()) {
      list.setProjection("custom").setCustomFieldMask(customSchemas);
    }
    return list;
  }

  /**
   * @param get a users.get request
   * @return it, asking for what this read needs
   */
  Directory.Users.Get apply(Directory.Users.Get get) {
    get.setFields(fields);
    if (!customSchemas.isEmpty()) {
      get.setProjection("custom").setCustomFieldMask(customSchemas);
    }
    return get;
  }
}
