package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.ProviderException;
import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.mapping.UserAttribute;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.identitystore.model.Address;
import software.amazon.awssdk.services.identitystore.model.AttributeOperation;
import software.amazon.awssdk.services.identitystore.model.CreateUserRequest;
import software.amazon.awssdk.services.identitystore.model.Name;
import software.amazon.awssdk.services.identitystore.model.PhoneNumber;

/**
 * The optional user attributes in the Identity Store API's form (API reference of {@code
 * CreateUser}, {@code UpdateUser} and the {@code User} type): CreateUser members, and UpdateUser
 * operations on lower camel case paths ({@code title}, {@code name.middleName}); the one address
 * and phone number are lists of exactly one item, replaced whole ({@code addresses}, {@code
 * phoneNumbers}).
 *
 * <p>The enterprise extension is not written in this mode: CreateUser takes {@code Extensions}, but
 * UpdateUser's {@code AttributePath} (letters and dots in the model) cannot name it and the API
 * reference documents no path for it, so a mapped enterprise attribute could be set once and never
 * repaired. {@link #WRITES} leaves it out, and the target's capabilities say so.
 */
public final class IdentityStoreUserAttributes {
  private IdentityStoreUserAttributes() {}

  /** The optional attributes this mode writes: all but the enterprise extension's. */
  public static final Set<UserAttribute> WRITES = writes();

  private static Set<UserAttribute> writes() {
    Set<UserAttribute> out = EnumSet.noneOf(UserAttribute.class);
    for (UserAttribute a : UserAttribute.values()) {
      if (!a.required() && !a.enterprise()) {
        out.add(a);
      }
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  /** The {@code Name} of a CreateUser: the required parts and the optional ones given. */
  static Name name(UserAttributes a) {
    Map<UserAttribute, String> o = a.optional();
    return Name.builder()
        .givenName(a.givenName())
        .familyName(a.familyName())
        .middleName(o.get(UserAttribute.MIDDLE_NAME))
        .honorificPrefix(o.get(UserAttribute.HONORIFIC_PREFIX))
        .honorificSuffix(o.get(UserAttribute.HONORIFIC_SUFFIX))
        .build();
  }

  /**
   * @param a a user to create
   * @throws ProviderException when it has an attribute this mode does not write (the capabilities
   *     say which, so the planner never asks)
   */
  static void requireWritable(UserAttributes a) {
    for (UserAttribute k : a.optional().keySet()) {
      requireWritable(k);
    }
    if (a.manager() != null) {
      requireWritable(UserAttribute.MANAGER);
    }
  }

  /** Adds the optional attributes this mode writes to a CreateUser request. */
  static void create(CreateUserRequest.Builder r, UserAttributes a) {
    Map<UserAttribute, String> o = a.optional();
    r.nickName(o.get(UserAttribute.NICK_NAME))
        .profileUrl(o.get(UserAttribute.PROFILE_URL))
        .title(o.get(UserAttribute.TITLE))
        .userType(o.get(UserAttribute.USER_TYPE))
        .preferredLanguage(o.get(UserAttribute.PREFERRED_LANGUAGE))
        .locale(o.get(UserAttribute.LOCALE))
        .timezone(o.get(UserAttribute.TIMEZONE));
    if (o.containsKey(UserAttribute.PHONE_NUMBER)) {
      r.phoneNumbers(
          PhoneNumber.builder()
              .value(o.get(UserAttribute.PHONE_NUMBER))
              .type("work")
              .primary(true)
              .build());
    }
    if (o.keySet().stream().anyMatch(UserAddresses.PARTS::contains)) {
      r.addresses(
          Address.builder()
              .streetAddress(o.get(UserAttribute.STREET_ADDRESS))
              .locality(o.get(UserAttribute.LOCALITY))
              .region(o.get(UserAttribute.REGION))
              .postalCode(o.get(UserAttribute.POSTAL_CODE))
              .country(o.get(UserAttribute.COUNTRY))
              .formatted(o.get(UserAttribute.FORMATTED_ADDRESS))
              .type("work")
              .primary(true)
              .build());
    }
  }

  /**
   * The UpdateUser operations of an update's optional attribute changes, but the address (see
   * {@link #addresses}).
   */
  static List<AttributeOperation> operations(Change.UpdateUser c) {
    List<AttributeOperation> ops = new ArrayList<>();
    for (AttributeChange change : c.changes()) {
      UserAttribute a = ScimUserAttributes.optional(change.attribute());
      if (a == null || UserAddresses.PARTS.contains(a)) {
        continue;
      }
      requireWritable(a);
      if (a == UserAttribute.PHONE_NUMBER) {
        ops.add(phoneNumbers(change.after()));
      } else {
        ops.add(IdentityStoreWriter.operation(a.path(), change.after()));
      }
    }
    return ops;
  }

  private static void requireWritable(UserAttribute a) {
    if (!WRITES.contains(a)) {
      throw new ProviderException(
          ProviderException.Reason.INVALID,
          a.path() + ": the Identity Store API cannot update it; use the SCIM write mode");
    }
  }

  private static AttributeOperation phoneNumbers(@Nullable String number) {
    Document value =
        number == null
            ? Document.fromNull()
            : Document.fromList(
                List.of(
                    Document.fromMap(
                        Map.of(
                            "value", Document.fromString(number),
                            "type", Document.fromString("work"),
                            "primary", Document.fromBoolean(true)))));
    return AttributeOperation.builder().attributePath("phoneNumbers").attributeValue(value).build();
  }

  /**
   * @param parts the whole address to write; empty to remove it
   * @return the UpdateUser operation
   */
  static AttributeOperation addresses(Map<UserAttribute, String> parts) {
    Document value;
    if (parts.isEmpty()) {
      value = Document.fromNull();
    } else {
      Map<String, Document> address = new LinkedHashMap<>();
      address.put("type", Document.fromString("work"));
      address.put("primary", Document.fromBoolean(true));
      parts.forEach((k, v) -> address.put(UserAddresses.member(k), Document.fromString(v)));
      value = Document.fromList(List.of(Document.fromMap(address)));
    }
    return AttributeOperation.builder().attributePath("addresses").attributeValue(value).build();
  }

  /** The operations that set a user's optional attributes, for taking over a user by name. */
  static List<AttributeOperation> takeOver(UserAttributes a) {
    List<AttributeOperation> ops = new ArrayList<>();
    Map<UserAttribute, String> parts = new java.util.EnumMap<>(UserAttribute.class);
    a.optional()
        .forEach(
            (k, v) -> {
              if (UserAddresses.PARTS.contains(k)) {
                parts.put(k, v);
              } else if (WRITES.contains(k) && k != UserAttribute.PHONE_NUMBER) {
                ops.add(IdentityStoreWriter.operation(k.path(), v));
              }
            });
    if (!parts.isEmpty()) {
      ops.add(addresses(parts));
    }
    String phone = a.optional().get(UserAttribute.PHONE_NUMBER);
    if (phone != null) {
      ops.add(phoneNumbers(phone));
    }
    return ops;
  }
}
