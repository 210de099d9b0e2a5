package io.github.ssosync.policy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.directory.DirectoryQuery;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.query.GroupQuery;
import io.github.ssosync.query.QuerySyntaxException;
import io.github.ssosync.query.UserQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to sync and how. Immutable; build it with {@link #builder()}. Construction validates every
 * setting and reports all problems at once in a {@link ConfigurationException}, each message naming
 * the setting and its value.
 *
 * @param syncMethod how users are chosen
 * @param userMatch directory queries selecting users; {@code *} for all, empty for none
 * @param groupMatch directory queries selecting groups; {@code *} for all, empty for none
 * @param ignoreUsers user emails or globs never created, updated or deleted
 * @param ignoreGroups group emails (or display names) or globs never created, updated or deleted
 * @param includeGroups when not empty, only groups matching one of these are synced
 * @param allowedDomains when not empty, only users whose email is in one of these domains are
 *     synced
 * @param externalMembers what to do with members outside the directory
 * @param suspendedAction what to do with suspended users
 * @param disableFallback what to do instead of disabling when the target cannot disable users
 * @param gracePeriod how long an owned user stays disabled before it is deleted; zero deletes at
 *     once
 * @param groupGracePeriod how long an owned group that left the scope is kept, emptied, before it
 *     is deleted; zero deletes at once; absent keeps such groups (emptied) for ever
 * @param ownerMode which target objects the engine owns
 * @param deletionGuard how much one plan may remove
 * @param attributeMapping how attributes are mapped
 */
public record SyncPolicy(
    SyncMethod syncMethod,
    List<String> userMatch,
    List<String> groupMatch,
    List<String> ignoreUsers,
    List<String> ignoreGroups,
    List<String> includeGroups,
    Set<String> allowedDomains,
    ExternalMemberRule externalMembers,
    SuspendedAction suspendedAction,
    DisableFallback disableFallback,
    Duration gracePeriod,
    @Nullable Duration groupGracePeriod,
    OwnerMode ownerMode,
    DeletionGuard deletionGuard,
    AttributeMapping attributeMapping) {

  /** The default grace period before a disabled user is deleted: 7 days. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofDays(7);

  /** Validates every setting and copies the collections. */
  public SyncPolicy {
    userMatch = List.copyOf(userMatch);
    groupMatch = List.copyOf(groupMatch);
    ignoreUsers = List.copyOf(ignoreUsers);
    ignoreGroups = List.copyOf(ignoreGroups);
    includeGroups = List.copyOf(includeGroups);
    allowedDomains = Set.copyOf(allowedDomains);
    List<String> problems = new ArrayList<>();
    require(problems, syncMethod, "syncMethod");
    require(problems, externalMembers, "externalMembers");
    require(problems, suspendedAction, "suspendedAction");
    require(problems, disableFallback, "disableFallback");
    require(problems, gracePeriod, "gracePeriod");
    require(problems, ownerMode, "ownerMode");
    require(problems, deletionGuard, "deletionGuard");
    require(problems, attributeMapping, "attributeMapping");
    checkQueries(problems, "userMatch", userMatch, UserQuery::parse);
    checkQueries(problems, "groupMatch", groupMatch, GroupQuery::parse);
    checkPatterns(problems, "ignoreUsers", ignoreUsers);
    checkPatterns(problems, "ignoreGroups", ignoreGroups);
    checkPatterns(problems, "includeGroups", includeGroups);
    for (String domain : allowedDomains) {
      if (domain.isBlank() || domain.contains("@") || domain.contains(" ")) {
        problems.add("allowedDomains \"" + domain + "\": not a domain name such as example.com");
      }
    }
    if (userMatch.isEmpty() && groupMatch.isEmpty()) {
      problems.add(
          "userMatch and groupMatch are both empty: nothing would be selected and every owned"
              + " object would be removed; set groupMatch (e.g. \"email:aws-*\") or userMatch"
              + " (\"*\" for all)");
    }
    if (gracePeriod != null && gracePeriod.isNegative()) {
      problems.add("gracePeriod \"" + gracePeriod + "\": must not be negative");
    }
    if (groupGracePeriod != null
        && groupGracePeriod.isNegative()
        && !groupGracePeriod.equals(gracePeriod)) { // a copied gracePeriod is reported once
      problems.add("groupGracePeriod \"" + groupGracePeriod + "\": must not be negative");
    }
    if (deletionGuard != null) {
      if (deletionGuard.maxRemovals() < 0) {
        problems.add(
            "deletionGuard.maxRemovals \""
                + deletionGuard.maxRemovals()
                + "\": must be 0 (no limit) or more");
      }
      if (deletionGuard.percentFrom() < 0) {
        problems.add(
            "deletionGuard.percentFrom \"" + deletionGuard.percentFrom() + "\": must be 0 or more");
      }
      if (deletionGuard.maxPercent() < 0 || deletionGuard.maxPercent() > 100) {
        problems.add(
            "deletionGuard.maxPercent \""
                + deletionGuard.maxPercent()
                + "\": must be between 0 (no limit) and 100");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  /** A builder with the defaults: sync method GROUPS, owner mode ANCHORED, suspended DISABLE. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy's settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The directory query this policy selects with, naming the user attributes its mapping reads so
   * that the source reads them in the same calls.
   */
  public DirectoryQuery directoryQuery() {
    return new DirectoryQuery(userMatch, groupMatch, attributeMapping.attributeKeys());
  }

  /**
   * Splits ssosync's comma-separated form ({@code "name:Admin*,email:aws-*"}) into queries. {@code
   * null} or blank means none. A query left empty by a stray comma is kept as an empty string,
   * which validation reports with the setting's name.
   *
   * @param commaSeparated the flag's value
   * @return the queries, trimmed
   */
  public static List<String> splitQueries(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : commaSeparated.split(",", -1)) {
      out.add(part.strip());
    }
    return out;
  }

  private static void require(List<String> problems, Object value, String setting) {
    if (value == null) {
      problems.add(setting + ": must be set");
    }
  }

  private static void checkQueries(
      List<String> problems,
      String setting,
      List<String> queries,
      java.util.function.Consumer<String> syntax) {
    for (int i = 0; i < queries.size(); i++) {
      String q = queries.get(i);
      if (q == null || q.isBlank()) {
        problems.add(
            setting
                + " \""
                + String.join(",", queries.stream().map(s -> s == null ? "" : s).toList())
                + "\": empty query"
                + (i > 0 ? " after ','" : " before ','"));
        return;
      }
    }
    // A query Google would refuse fails here, naming the setting and the clause, before any call.
    for (String q : queries) {
      if (!q.equals(DirectoryQuery.ALL)) {
        try {
          syntax.accept(q);
        } catch (QuerySyntaxException e) {
          problems.add(setting + " \"" + q + "\": " + e.getMessage());
        }
      }
    }
  }

  private static void checkPatterns(List<String> problems, String setting, List<String> values) {
    for (String v : values) {
      if (v == null || v.isBlank()) {
        problems.add(setting + ": contains an empty entry");
        return;
      }
    }
  }

  /** Builds a {@link SyncPolicy}. Not thread-safe. */
  public static final class Builder {
    private SyncMethod syncMethod = SyncMethod.GROUPS;
    private List<String> userMatch = List.of();
    private List<String> groupMatch = List.of();
    private List<String> ignoreUsers = List.of();
    private List<String> ignoreGroups = List.of();
    private List<String> includeGroups = List.of();
    private Set<String> allowedDomains = Set.of();
    private ExternalMemberRule externalMembers = ExternalMemberRule.SKIP;
    private SuspendedAction suspendedAction = SuspendedAction.DISABLE;
    private DisableFallback disableFallback = DisableFallback.LEAVE;
    private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
    private @Nullable Duration groupGracePeriod;
    private boolean groupGraceSet;
    private OwnerMode ownerMode = OwnerMode.ANCHORED;
    private DeletionGuard deletionGuard = DeletionGuard.DEFAULT;
    private AttributeMapping attributeMapping = AttributeMapping.DEFAULT;

    private Builder() {}

    private Builder(SyncPolicy p) {
      syncMethod = p.syncMethod;
      userMatch = p.userMatch;
      groupMatch = p.groupMatch;
      ignoreUsers = p.ignoreUsers;
      ignoreGroups = p.ignoreGroups;
      includeGroups = p.includeGroups;
      allowedDomains = p.allowedDomains;
      externalMembers = p.externalMembers;
      suspendedAction = p.suspendedAction;
      disableFallback = p.disableFallback;
      gracePeriod = p.gracePeriod;
      groupGracePeriod = p.groupGracePeriod;
      groupGraceSet = true;
      ownerMode = p.ownerMode;
      deletionGuard = p.deletionGuard;
      attributeMapping = p.attributeMapping;
    }

    /**
     * @param syncMethod how users are chosen
     * @return this builder
     */
    public Builder syncMethod(SyncMethod syncMethod) {
      this.syncMethod = syncMethod;
      return this;
    }

    /**
     * @param commaSeparated user queries in ssosync's comma-separated form
     * @return this builder
     */
    public Builder userMatch(String commaSeparated) {
      return userMatch(splitQueries(commaSeparated));
    }

    /**
     * @param queries user queries
     * @return this builder
     */
    public Builder userMatch(List<String> queries) {
      this.userMatch = new ArrayList<>(queries);
      return this;
    }

    /**
     * @param commaSeparated group queries in ssosync's comma-separated form
     * @return this builder
     */
    public Builder groupMatch(String commaSeparated) {
      return groupMatch(splitQueries(commaSeparated));
    }

    /**
     * @param queries group queries
     * @return this builder
     */
    public Builder groupMatch(List<String> queries) {
      this.groupMatch = new ArrayList<>(queries);
      return this;
    }

    /**
     * @param patterns user emails or globs to ignore
     * @return this builder
     */
    public Builder ignoreUsers(List<String> patterns) {
      this.ignoreUsers = new ArrayList<>(patterns);
      return this;
    }

    /**
     * @param patterns group emails or globs to ignore
     * @return this builder
     */
    public Builder ignoreGroups(List<String> patterns) {
      this.ignoreGroups = new ArrayList<>(patterns);
      return this;
    }

    /**
     * @param patterns group emails or globs; when not empty only these groups are synced
     * @return this builder
     */
    public Builder includeGroups(List<String> patterns) {
      this.includeGroups = new ArrayList<>(patterns);
      return this;
    }

    /**
     * @param domains email domains users must belong to; empty for any
     * @return this builder
     */
    public Builder allowedDomains(Set<String> domains) {
      Set<String> folded = new LinkedHashSet<>();
      for (String d : domains) {
        folded.add(Objects.requireNonNull(d, "domain").strip().toLowerCase(Locale.ROOT));
      }
      this.allowedDomains = folded;
      return this;
    }

    /**
     * @param rule what to do with members outside the directory
     * @return this builder
     */
    public Builder externalMembers(ExternalMemberRule rule) {
      this.externalMembers = rule;
      return this;
    }

    /**
     * @param action what to do with suspended users
     * @return this builder
     */
    public Builder suspendedAction(SuspendedAction action) {
      this.suspendedAction = action;
      return this;
    }

    /**
     * @param fallback what to do when the target cannot disable users
     * @return this builder
     */
    public Builder disableFallback(DisableFallback fallback) {
      this.disableFallback = fallback;
      return this;
    }

    /**
     * @param gracePeriod how long a disabled owned user is kept before deletion; zero deletes at
     *     once
     * @return this builder
     */
    public Builder gracePeriod(Duration gracePeriod) {
      this.gracePeriod = gracePeriod;
      return this;
    }

    /**
     * How long an owned group that left the directory's scope (deleted in the directory, or no
     * longer selected) is kept before it is deleted. It is emptied at once, so access through it
     * ends; its id, and with it every permission-set assignment, survives until then, and it comes
     * back as it was if it returns in time. Unless set, the same as {@link #gracePeriod}.
     *
     * @param groupGracePeriod how long to keep such groups; zero deletes them at once
     * @return this builder
     */
    public Builder groupGracePeriod(Duration groupGracePeriod) {
      this.groupGracePeriod = Objects.requireNonNull(groupGracePeriod, "groupGracePeriod");
      this.groupGraceSet = true;
      return this;
    }

    /**
     * Keeps owned groups that left the directory's scope for ever, emptied, instead of deleting
     * them after a grace period: their permission-set assignments are never lost to a sync.
     *
     * @return this builder
     */
    public Builder keepRemovedGroups() {
      this.groupGracePeriod = null;
      this.groupGraceSet = true;
      return this;
    }

    /**
     * @param ownerMode which target objects the engine owns
     * @return this builder
     */
    public Builder ownerMode(OwnerMode ownerMode) {
      this.ownerMode = ownerMode;
      return this;
    }

    /**
     * @param guard how much one plan may remove
     * @return this builder
     */
    public Builder deletionGuard(DeletionGuard guard) {
      this.deletionGuard = guard;
      return this;
    }

    /**
     * @param mapping how attributes are mapped
     * @return this builder
     */
    public Builder attributeMapping(AttributeMapping mapping) {
      this.attributeMapping = mapping;
      return this;
    }

    /**
     * Builds and validates the policy.
     *
     * @return the policy
     * @throws ConfigurationException listing every bad setting
     */
    public SyncPolicy build() {
      return new SyncPolicy(
          syncMethod,
          userMatch,
          groupMatch,
          ignoreUsers,
          ignoreGroups,
          includeGroups,
          allowedDomains,
          externalMembers,
          suspendedAction,
          disableFallback,
          gracePeriod,
          groupGraceSet ? groupGracePeriod : gracePeriod,
          ownerMode,
          deletionGuard,
          attributeMapping);
    }
  }
}
