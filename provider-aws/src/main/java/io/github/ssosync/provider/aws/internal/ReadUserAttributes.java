package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.mapping.UserAttribute;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.identitystore.model.Address;
import software.amazon.awssdk.services.identitystore.model.Name;
import software.amazon.awssdk.services.identitystore.model.PhoneNumber;
import software.amazon.awssdk.services.identitystore.model.User;

/**
 * The optional attributes of an Identity Store {@code User} (API reference, {@code User} data
 * type): its plain strings, name parts, the one address and phone number (lists of exactly one item
 * in the model), and, when ListUsers asked for it, the {@code aws:identitystore:enterprise}
 * extension, whose members carry the SCIM enterprise schema's names (manager as {@code {"value":
 * id}}).
 */
final class ReadUserAttributes {
  private ReadUserAttributes() {}

  static Map<UserAttribute, String> of(User u) {
    Map<UserAttribute, String> out = new EnumMap<>(UserAttribute.class);
    put(out, UserAttribute.NICK_NAME, u.nickName());
    put(out, UserAttribute.PROFILE_URL, u.profileUrl());
    put(out, UserAttribute.TITLE, u.title());
    put(out, UserAttribute.USER_TYPE, u.userType());
    put(out, UserAttribute.PREFERRED_LANGUAGE, u.preferredLanguage());
    put(out, UserAttribute.LOCALE, u.locale());
    put(out, UserAttribute.TIMEZONE, u.timezone());
    Name n = u.name();
    if (n != null) {
      put(out, UserAttribute.MIDDLE_NAME, n.middleName());
      put(out, UserAttribute.HONORIFIC_PREFIX, n.honorificPrefix());
      put(out, UserAttribute.HONORIFIC_SUFFIX, n.honorificSuffix());
    }
    if (u.hasAddresses() && !u.addresses().isEmpty()) {
      Address a = u.addresses().get(0);
      put(out, UserAttribute.STREET_ADDRESS, a.streetAddress());
      put(out, UserAttribute.LOCALITY, a.locality());
      put(out, UserAttribute.REGION, a.region());
      put(out, UserAttribute.POSTAL_CODE, a.postalCode());
      put(out, UserAttribute.COUNTRY, a.country());
      put(out, UserAttribute.FORMATTED_ADDRESS, a.formatted());
    }
    if (u.hasPhoneNumbers() && !u.phoneNumbers().isEmpty()) {
      PhoneNumber p = u.phoneNumbers().get(0);
      put(out, UserAttribute.PHONE_NUMBER, p.value());
    }
    if (u.hasExtensions()) {
      Document ext = u.extensions().get(IdentityStoreReader.ENTERPRISE);
      if (ext != null && ext.isMap()) {
        for (Map.Entry<String, Document> e : ext.asMap().entrySet()) {
          UserAttribute a = UserAttribute.named("enterprise." + e.getKey());
          if (a == null || !a.enterprise()) {
            continue; // a member this version does not know: not ours to judge
          }
          Document v = e.getValue();
          if (a == UserAttribute.MANAGER) {
            v = v != null && v.isMap() ? v.asMap().get("value") : null;
          }
          put(out, a, v != null && v.isString() ? v.asString() : null);
        }
      }
    }
    return out;
  }

  private static void put(Map<UserAttribute, String> out, UserAttribute a, @Nullable String v) {
    if (v != null) {
      out.put(a, v);
    }
  }
}
