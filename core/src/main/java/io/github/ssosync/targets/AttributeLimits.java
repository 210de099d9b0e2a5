package io.github.ssosync.targets;

import io.github.ssosync.mapping.UserAttribute;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The values a target accepts, attribute by attribute. The planner skips, with a warning naming the
 * object, a user or group whose values the target would refuse (or drops a value the object can
 * live without, such as a description), rather than let its create fail half-way through a run.
 *
 * <pre>{@code
 * AttributeLimits limits = AttributeLimits.NONE
 *     .with(Attribute.USER_NAME, new Rule(128, Pattern.compile("\\S+"), Set.of("Administrator")))
 *     .with(Attribute.GROUP_DESCRIPTION, Rule.maxLength(1024));
 * }</pre>
 *
 * @param rules the rule of each restricted attribute; an attribute without one takes any value
 * @param optionalRules the rule of each restricted optional user attribute (a mapped value the
 *     target would refuse is dropped with a warning naming user and attribute)
 */
public record AttributeLimits(Map<Attribute, Rule> rules, Map<UserAttribute, Rule> optionalRules) {

  /** No limits. */
  public static final AttributeLimits NONE = new AttributeLimits(Map.of(), Map.of());

  /** An attribute of a target user or group that a target may restrict. */
  public enum Attribute {
    /** The user's unique name. */
    USER_NAME("user name"),
    /** The user's given name. */
    USER_GIVEN_NAME("given name"),
    /** The user's family name. */
    USER_FAMILY_NAME("family name"),
    /** The user's display name. */
    USER_DISPLAY_NAME("display name"),
    /** The user's email address. */
    USER_EMAIL("email"),
    /** The group's unique display name. */
    GROUP_DISPLAY_NAME("display name"),
    /** The group's description. */
    GROUP_DESCRIPTION("description");

    private final String label;

    Attribute(String label) {
      this.label = label;
    }

    /** How messages name the attribute, such as {@code given name}. */
    public String label() {
      return label;
    }
  }

  /**
   * What one attribute accepts.
   *
   * @param maxLength the longest value, in UTF-16 code units; 0 for no limit
   * @param pattern what a whole value must match; absent for anything
   * @param reserved values the target keeps for itself, compared ignoring case
   */
  public record Rule(int maxLength, @Nullable Pattern pattern, Set<String> reserved) {
    /** Validates and copies. */
    public Rule {
      if (maxLength < 0) {
        throw new IllegalArgumentException("maxLength must be >= 0, was " + maxLength);
      }
      reserved = reserved.stream().map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /**
     * @param maxLength the longest value; 0 for no limit
     * @return a rule on length only
     */
    public static Rule maxLength(int maxLength) {
      return new Rule(maxLength, null, Set.of());
    }

    /**
     * @param attribute what the value is, for the message
     * @param value the value
     * @return why the rule refuses the value, or null if it accepts it
     */
    public @Nullable String problem(Attribute attribute, String value) {
      return problem(attribute.label(), value);
    }

    /**
     * @param label what the value is, for the message, such as {@code costCenter}
     * @param value the value
     * @return why the rule refuses the value, or null if it accepts it
     */
    public @Nullable String problem(String label, String value) {
      if (maxLength > 0 && value.length() > maxLength) {
        return "its "
            + label
            + " is "
            + value.length()
            + " characters long; the target allows "
            + maxLength;
      }
      if (pattern != null && !pattern.matcher(value).matches()) {
        return "its "
            + label
            + " contains characters the target refuses ("
            + firstRefused(value)
            + "; such as white space other than a plain space, control or invisible formatting"
            + " characters)";
      }
      if (reserved.contains(value.toLowerCase(Locale.ROOT))) {
        return "its " + label + " \"" + value + "\" is a name the target reserves";
      }
      return null;
    }

    /** Names the first character the pattern refuses on its own, so the user can find it. */
    private String firstRefused(String value) {
      if (value.isBlank()) {
        return "white space only";
      }
      Pattern p = Objects.requireNonNull(pattern);
      for (int i = 0; i < value.length(); ) {
        int c = value.codePointAt(i);
        if (!p.matcher(new String(Character.toChars(c))).matches()) {
          return String.format(Locale.ROOT, "U+%04X at position %d", c, i + 1);
        }
        i += Character.charCount(c);
      }
      return "in how they are combined";
    }
  }

  /** Validates and copies. */
  public AttributeLimits {
    EnumMap<Attribute, Rule> copy = new EnumMap<>(Attribute.class);
    rules.forEach(
        (a, r) ->
            copy.put(Objects.requireNonNull(a, "attribute"), Objects.requireNonNull(r, "rule")));
    rules = java.util.Collections.unmodifiableMap(copy);
    EnumMap<UserAttribute, Rule> optional = new EnumMap<>(UserAttribute.class);
    optionalRules.forEach(
        (a, r) -> {
          if (a.required()) {
            throw new IllegalArgumentException(
                a.key() + " is a required attribute: give its rule as an Attribute");
          }
          optional.put(a, Objects.requireNonNull(r, "rule"));
        });
    optionalRules = java.util.Collections.unmodifiableMap(optional);
  }

  /**
   * Limits on the required attributes and groups only.
   *
   * @param rules the rule of each restricted attribute
   */
  public AttributeLimits(Map<Attribute, Rule> rules) {
    this(rules, Map.of());
  }

  /**
   * The limits of earlier versions: one length for user names, one for every other value, and a
   * pattern for user names.
   *
   * @param maxUserNameLength the longest user name; 0 for no limit
   * @param maxValueLength the longest other value; 0 for no limit
   * @param userNamePattern what a whole user name must match; absent for anything
   */
  public AttributeLimits(
      int maxUserNameLength, int maxValueLength, @Nullable Pattern userNamePattern) {
    this(legacy(maxUserNameLength, maxValueLength, userNamePattern));
  }

  private static Map<Attribute, Rule> legacy(
      int maxUserNameLength, int maxValueLength, @Nullable Pattern userNamePattern) {
    Map<Attribute, Rule> rules = new EnumMap<>(Attribute.class);
    for (Attribute a : Attribute.values()) {
      rules.put(a, Rule.maxLength(maxValueLength));
    }
    rules.put(Attribute.USER_NAME, new Rule(maxUserNameLength, userNamePattern, Set.of()));
    return rules;
  }

  /**
   * @param attribute an attribute
   * @param rule what it accepts
   * @return these limits with that attribute's rule replaced
   */
  public AttributeLimits with(Attribute attribute, Rule rule) {
    Map<Attribute, Rule> copy = new EnumMap<>(Attribute.class);
    copy.putAll(rules);
    copy.put(attribute, rule);
    return new AttributeLimits(copy, optionalRules);
  }

  /**
   * @param attribute an optional user attribute
   * @param rule what it accepts
   * @return these limits with that attribute's rule replaced
   */
  public AttributeLimits with(UserAttribute attribute, Rule rule) {
    Map<UserAttribute, Rule> copy = new EnumMap<>(UserAttribute.class);
    copy.putAll(optionalRules);
    copy.put(attribute, rule);
    return new AttributeLimits(rules, copy);
  }

  /**
   * @param attribute any user attribute
   * @param value its value
   * @return why the target would refuse the value, or null if it would not
   */
  public @Nullable String problem(UserAttribute attribute, @Nullable String value) {
    Attribute required =
        switch (attribute) {
          case USER_NAME -> Attribute.USER_NAME;
          case GIVEN_NAME -> Attribute.USER_GIVEN_NAME;
          case FAMILY_NAME -> Attribute.USER_FAMILY_NAME;
          case DISPLAY_NAME -> Attribute.USER_DISPLAY_NAME;
          case EMAIL -> Attribute.USER_EMAIL;
          default -> null;
        };
    if (required != null) {
      return problem(required, value);
    }
    Rule rule = optionalRules.get(attribute);
    return rule == null || value == null ? null : rule.problem(attribute.key(), value);
  }

  /**
   * @param attribute the attribute
   * @param value its value; absent values are not judged here (whether one is required is the
   *     planner's concern)
   * @return why the target would refuse the value, or null if it would not
   */
  public @Nullable String problem(Attribute attribute, @Nullable String value) {
    Rule rule = rules.get(attribute);
    return rule == null || value == null ? null : rule.problem(attribute, value);
  }

  /**
   * @param userName a user name
   * @return why the target would refuse it, or null if it would not
   */
  public @Nullable String userNameProblem(String userName) {
    return problem(Attribute.USER_NAME, userName);
  }
}
