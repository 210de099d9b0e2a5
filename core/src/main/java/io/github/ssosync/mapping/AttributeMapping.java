package io.github.ssosync.mapping;

import io.github.ssosync.ConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How directory values become target values: a source expression for each target user attribute the
 * mapping owns, and the group display name. Only the attributes it names are ever written or
 * cleared: a value set by hand, or by another tool, on an attribute the mapping does not name
 * survives every run; a mapped attribute edited by hand is restored.
 *
 * <pre>{@code
 * AttributeMapping mapping = AttributeMapping.builder()
 *     .map(UserAttribute.DEPARTMENT, "{organizations.department}")
 *     .map(UserAttribute.COST_CENTER, "{custom:HR.costCenter}", "0000")
 *     .map(UserAttribute.MANAGER, "{relations.manager}")
 *     .groupName("AWS-{email.local|removePrefix:aws-|capitalize}")
 *     .build();
 * }</pre>
 *
 * <p>The required attributes ({@link UserAttribute#required()}) are always mapped, by default from
 * the primary email and the names; naming one replaces its source.
 */
public final class AttributeMapping {

  /**
   * One mapped attribute.
   *
   * @param template the source expression
   * @param defaultValue the value when the expression renders empty; absent to leave the attribute
   *     unset (or, for a required attribute, to skip the user with a warning)
   */
  public record Entry(ValueTemplate template, @Nullable String defaultValue) {
    /** Validates. */
    public Entry {
      Objects.requireNonNull(template, "template");
    }
  }

  /** The default: the required attributes from email and names, groups named by email. */
  public static final AttributeMapping DEFAULT = builder().build();

  private final Map<UserAttribute, Entry> users;
  private final ValueTemplate groupName;
  private final boolean syncGroupDescription;
  private final Set<String> attributeKeys;

  /** Derived once: the planner asks for it once per user. */
  private final Set<UserAttribute> optional;

  private AttributeMapping(
      Map<UserAttribute, Entry> users, ValueTemplate groupName, boolean syncGroupDescription) {
    this.users = Collections.unmodifiableMap(new EnumMap<>(users));
    this.groupName = groupName;
    this.syncGroupDescription = syncGroupDescription;
    Set<String> keys = new LinkedHashSet<>();
    users.values().forEach(e -> keys.addAll(e.template().attributeKeys()));
    this.attributeKeys = Collections.unmodifiableSet(keys);
    Set<UserAttribute> owned = java.util.EnumSet.noneOf(UserAttribute.class);
    users.keySet().stream().filter(a -> !a.required()).forEach(owned::add);
    this.optional = Collections.unmodifiableSet(owned);
  }

  /** A builder starting from the default mapping. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this mapping. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.users.putAll(users);
    b.groupName = groupName.text();
    b.syncGroupDescription = syncGroupDescription;
    return b;
  }

  /** Every mapped user attribute, the required ones included, in declaration order. */
  public Map<UserAttribute, Entry> users() {
    return users;
  }

  /**
   * @param attribute a user attribute
   * @return its entry, or null when the mapping does not own it
   */
  public @Nullable Entry entry(UserAttribute attribute) {
    return users.get(attribute);
  }

  /** The optional attributes the mapping owns (the required ones are always owned). */
  public Set<UserAttribute> optional() {
    return optional;
  }

  /** The group display name's source expression (over a directory group). */
  public ValueTemplate groupName() {
    return groupName;
  }

  /** Whether group descriptions are synced. */
  public boolean syncGroupDescription() {
    return syncGroupDescription;
  }

  /**
   * The keys of {@link io.github.ssosync.directory.DirectoryUser#attributes()} the mapping reads,
   * for {@link io.github.ssosync.directory.DirectoryQuery#userAttributes()}.
   */
  public Set<String> attributeKeys() {
    return attributeKeys;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AttributeMapping m
        && m.users.equals(users)
        && m.groupName.equals(groupName)
        && m.syncGroupDescription == syncGroupDescription;
  }

  @Override
  public int hashCode() {
    return Objects.hash(users, groupName, syncGroupDescription);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("AttributeMapping{");
    users.forEach(
        (a, e) -> {
          out.append(a.key()).append('=').append(e.template().text());
          if (e.defaultValue() != null) {
            out.append(" (default ").append(e.defaultValue()).append(')');
          }
          out.append(", ");
        });
    return out.append("group=")
        .append(groupName.text())
        .append(", descriptions=")
        .append(syncGroupDescription)
        .append('}')
        .toString();
  }

  /**
   * Builds an {@link AttributeMapping}; {@link #build()} reports every problem at once, each naming
   * its attribute.
   */
  public static final class Builder {
    private final Map<UserAttribute, Entry> users = new EnumMap<>(UserAttribute.class);
    private final List<String> problems = new ArrayList<>();
    private String groupName = "{email}";
    private boolean syncGroupDescription = true;

    private Builder() {
      for (UserAttribute a : UserAttribute.values()) {
        if (a.required()) {
          users.put(
              a, new Entry(ValueTemplate.user(Objects.requireNonNull(a.suggestedSource())), null));
        }
      }
    }

    /**
     * Maps an attribute from a source expression.
     *
     * @param attribute the target attribute
     * @param template its source expression over a directory user (see {@link ValueTemplate})
     * @return this builder
     */
    public Builder map(UserAttribute attribute, String template) {
      return map(attribute, template, null);
    }

    /**
     * Maps an attribute from a source expression, with a value for when it renders empty.
     *
     * @param attribute the target attribute
     * @param template its source expression over a directory user
     * @param defaultValue the value when the expression renders empty; absent for none
     * @return this builder
     */
    public Builder map(UserAttribute attribute, String template, @Nullable String defaultValue) {
      Objects.requireNonNull(attribute, "attribute");
      try {
        ValueTemplate t = ValueTemplate.user(Objects.requireNonNull(template, "template"));
        users.put(
            attribute,
            new Entry(t, defaultValue == null || defaultValue.isBlank() ? null : defaultValue));
      } catch (IllegalArgumentException e) {
        problems.add(attribute.key() + ": " + e.getMessage());
      }
      return this;
    }

    /**
     * Maps an attribute named as a mapping file names it.
     *
     * @param attribute a key such as {@code costCenter} or a path such as {@code
     *     enterprise.costCenter}
     * @param template its source expression; absent for the attribute's suggested source
     * @param defaultValue the value when the expression renders empty; absent for none
     * @return this builder
     */
    public Builder map(String attribute, @Nullable String template, @Nullable String defaultValue) {
      UserAttribute a = UserAttribute.named(attribute);
      if (a == null) {
        problems.add(
            "unknown user attribute \""
                + attribute
                + "\"; IAM Identity Center keeps: "
                + String.join(", ", keys()));
        return this;
      }
      String source = template == null ? a.suggestedSource() : template;
      if (source == null) {
        problems.add(
            a.key()
                + ": no directory field is its obvious source; give a source expression, such as"
                + " {custom:Schema.field}");
        return this;
      }
      return map(a, source, defaultValue);
    }

    /**
     * Maps attributes from their suggested sources, as {@code --user-attributes
     * title,department,manager} does.
     *
     * @param attributes keys or paths of attributes
     * @return this builder
     */
    public Builder mapSuggested(Collection<String> attributes) {
      attributes.forEach(a -> map(a, null, null));
      return this;
    }

    /**
     * Stops owning an optional attribute.
     *
     * @param attribute the attribute
     * @return this builder
     */
    public Builder unmap(UserAttribute attribute) {
      if (attribute.required()) {
        problems.add(attribute.key() + ": IAM Identity Center requires it; it is always mapped");
      } else {
        users.remove(attribute);
      }
      return this;
    }

    /**
     * @param source which directory field names groups
     * @return this builder
     */
    public Builder groupName(GroupNameSource source) {
      this.groupName = source == GroupNameSource.NAME ? "{name}" : "{email}";
      return this;
    }

    /**
     * Names groups by a template over the directory group; changing it renames groups in place.
     *
     * @param template such as {@code AWS-{email.local|removePrefix:aws-|capitalize}}
     * @return this builder
     */
    public Builder groupName(String template) {
      this.groupName = Objects.requireNonNull(template, "template");
      return this;
    }

    /**
     * @param sync whether group descriptions are synced
     * @return this builder
     */
    public Builder syncGroupDescription(boolean sync) {
      this.syncGroupDescription = sync;
      return this;
    }

    /**
     * @return the mapping
     * @throws ConfigurationException listing every problem, each naming its attribute
     */
    public AttributeMapping build() {
      List<String> all = new ArrayList<>(problems);
      ValueTemplate group = null;
      try {
        group = ValueTemplate.group(groupName);
      } catch (IllegalArgumentException e) {
        all.add("group name: " + e.getMessage());
      }
      if (!all.isEmpty()) {
        throw new ConfigurationException(all);
      }
      return new AttributeMapping(users, Objects.requireNonNull(group), syncGroupDescription);
    }

    private static List<String> keys() {
      List<String> out = new ArrayList<>();
      for (UserAttribute a : UserAttribute.values()) {
        out.add(a.key());
      }
      return out;
    }
  }
}
