package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.targets.AttributeLimits;
import io.github.ssosync.targets.AttributeLimits.Attribute;
import io.github.ssosync.targets.AttributeLimits.Rule;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values IAM Identity Center accepts, so that the planner skips (with a warning naming the
 * object) what the service would refuse. SCIM writes land in the same identity store, so one set of
 * rules covers both write modes.
 *
 * <p>Sources: the Identity Store API model (botocore {@code identitystore/2020-06-15/
 * service-2.json}): {@code UserName} 1..128 {@code [\p{L}\p{M}\p{S}\p{N}\p{P}]+}; {@code
 * SensitiveStringType} (user {@code DisplayName}, {@code Name.GivenName}, {@code Name.FamilyName},
 * {@code Email.Value}, group {@code Description}) 1..1024 {@code [\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r
 * ]+} plus no-break space U+00A0 and ideographic space U+3000; {@code GroupDisplayName} 1..1024,
 * the same without the ideographic space U+3000. And the API reference of {@code
 * CreateUser.UserName} and {@code CreateGroup.DisplayName}: "Administrator and AWSAdministrators
 * are reserved names and can't be used for users or groups". The sources do not say whether
 * reserved names are compared ignoring case, nor whether lengths count code points or UTF-16 units:
 * the stricter reading is taken (ignoring case; UTF-16 units).
 */
public final class IdentityCenterLimits {
  private IdentityCenterLimits() {}

  private static final Pattern USER_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");

  /**
   * The model's pattern admits a value of white space only; whether the service takes one is not
   * documented, so it is refused (the stricter reading, which the emulator shares).
   */
  private static final String NOT_BLANK = "(?s)(?=.*\\P{javaWhitespace})";

  private static final Pattern TEXT =
      Pattern.compile(NOT_BLANK + "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00a0\\u3000]+");
  private static final Pattern GROUP_NAME =
      Pattern.compile(NOT_BLANK + "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00a0]+");
  private static final Set<String> RESERVED = Set.of("Administrator", "AWSAdministrators");

  /**
   * Address parts: the SCIM guide (CreateUser and PutUser constraints) narrows them to "letters,
   * accented characters, symbols, numbers, punctuation, space (normal and nonbreaking)", which is
   * stricter than the model's {@code SensitiveStringType} and so taken for both write modes.
   */
  private static final Pattern ADDRESS =
      Pattern.compile(NOT_BLANK + "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P} \\u00a0]+");

  /** The rules of every attribute ssosync writes. */
  public static final AttributeLimits LIMITS = optional(requiredLimits());

  /**
   * The optional attributes: every one is a {@code SensitiveStringType} in the model (the {@code
   * User} members {@code NickName}, {@code ProfileUrl}, {@code Title}, {@code UserType}, {@code
   * PreferredLanguage}, {@code Locale}, {@code Timezone}, the {@code Name} parts, the {@code
   * Address} parts and {@code PhoneNumber.Value}); the enterprise extension's values are typed
   * nowhere (a document), so they take the same rule, the stricter reading. The manager is an id
   * the target resolves, not a value of the directory's, so it has no rule here.
   */
  private static AttributeLimits optional(AttributeLimits limits) {
    AttributeLimits out = limits;
    for (UserAttribute a : UserAttribute.values()) {
      if (a.required() || a == UserAttribute.MANAGER) {
        continue;
      }
      Pattern p = UserAddresses.PARTS.contains(a) ? ADDRESS : TEXT;
      out = out.with(a, new Rule(1024, p, Set.of()));
    }
    return out;
  }

  private static AttributeLimits requiredLimits() {
    return AttributeLimits.NONE
        .with(Attribute.USER_NAME, new Rule(128, USER_NAME, RESERVED))
        .with(Attribute.USER_GIVEN_NAME, new Rule(1024, TEXT, Set.of()))
        .with(Attribute.USER_FAMILY_NAME, new Rule(1024, TEXT, Set.of()))
        .with(Attribute.USER_DISPLAY_NAME, new Rule(1024, TEXT, Set.of()))
        .with(Attribute.USER_EMAIL, new Rule(1024, TEXT, Set.of()))
        .with(Attribute.GROUP_DISPLAY_NAME, new Rule(1024, GROUP_NAME, RESERVED))
        .with(Attribute.GROUP_DESCRIPTION, new Rule(1024, TEXT, Set.of()));
  }
}
