package io.github.ssosync.plan;

import io.github.ssosync.internal.NamePatterns;
import io.github.ssosync.targets.ExternalId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The match stage, one for users and groups: each desired object is matched to the target by anchor
 * first, then by name ignoring case; two candidates are never guessed between (a warning, and both
 * are left alone); a name match without our anchor is adopted or left alone by owner mode; a name
 * held by another directory object's object leaves the decision to the name-claims stage. Target
 * objects nothing matched are handed on for removal.
 *
 * @param <D> the desired object
 * @param <T> the target object
 */
final class Matcher<D, T> {
  /** How one desired object matched. */
  enum Kind {
    /** One target object carries its anchor. */
    ANCHORED,
    /** One target object has its name and no anchor, and the owner mode takes it over. */
    ADOPTED,
    /** One target object has its name and no anchor, and the owner mode leaves it alone. */
    NOT_OWNED,
    /** No target object: create it (the name-claims stage checks the name is free). */
    NONE,
    /** Two or more candidates: nothing is changed (a warning says so). */
    AMBIGUOUS
  }

  /**
   * @param desired the desired object
   * @param kind how it matched
   * @param target the matched target object (ANCHORED, ADOPTED, NOT_OWNED)
   */
  record Match<D, T>(D desired, Kind kind, @Nullable T target) {}

  /**
   * @param matches one per desired object, in the order given
   * @param unmatched target objects nothing matched, ignored ones too (the removal stage skips
   *     them), in the order given
   */
  record Result<D, T>(List<Match<D, T>> matches, List<T> unmatched) {}

  private final PlanState state;
  private final Function<T, String> targetId;
  private final Function<T, String> targetName;
  private final Function<T, List<ExternalId>> externalIds;
  private final NamePatterns ignored;
  private final String nameWord;

  Matcher(
      PlanState state,
      Function<T, String> targetId,
      Function<T, String> targetName,
      Function<T, List<ExternalId>> externalIds,
      NamePatterns ignored,
      String nameWord) {
    this.state = state;
    this.targetId = targetId;
    this.targetName = targetName;
    this.externalIds = externalIds;
    this.ignored = ignored;
    this.nameWord = nameWord;
  }

  /**
   * @param desired desired objects, sorted
   * @param sourceId a desired object's directory id
   * @param name a desired object's name in the target
   * @param targets target objects, sorted
   */
  Result<D, T> match(
      List<D> desired, Function<D, String> sourceId, Function<D, String> name, List<T> targets) {
    Map<String, List<T>> byAnchor = new HashMap<>();
    Map<String, List<T>> byName = new HashMap<>();
    for (T t : targets) {
      if (ignored.matches(targetName.apply(t))) {
        continue;
      }
      String anchor = state.caps.anchorOf(externalIds.apply(t));
      if (anchor != null) {
        byAnchor.computeIfAbsent(anchor, k -> new ArrayList<>(1)).add(t);
      }
      byName
          .computeIfAbsent(NamePatterns.fold(targetName.apply(t)), k -> new ArrayList<>(1))
          .add(t);
    }
    Set<String> claimed = new HashSet<>();
    List<Match<D, T>> matches = new ArrayList<>();
    for (D d : desired) {
      String id = sourceId.apply(d);
      List<T> anchored = byAnchor.getOrDefault(id, List.of());
      List<T> named = byName.getOrDefault(NamePatterns.fold(name.apply(d)), List.of());
      if (anchored.size() > 1 || (anchored.isEmpty() && named.size() > 1)) {
        List<T> candidates = anchored.size() > 1 ? anchored : named;
        candidates.forEach(t -> claimed.add(targetId.apply(t)));
        state.warnings.add(
            ambiguous(
                name.apply(d), candidates.size(), anchored.size() > 1 ? "anchor " + id : nameWord));
        matches.add(new Match<>(d, Kind.AMBIGUOUS, null));
      } else if (anchored.size() == 1) {
        claimed.add(targetId.apply(anchored.get(0)));
        matches.add(new Match<>(d, Kind.ANCHORED, anchored.get(0)));
      } else if (named.isEmpty() || state.caps.anchorOf(externalIds.apply(named.get(0))) != null) {
        // Free, or held by another directory object's object: the name-claims stage decides
        // whether that name is freed in this plan.
        matches.add(new Match<>(d, Kind.NONE, null));
      } else {
        T t = named.get(0);
        claimed.add(targetId.apply(t));
        matches.add(new Match<>(d, state.adopts() ? Kind.ADOPTED : Kind.NOT_OWNED, t));
      }
    }
    List<T> unmatched = new ArrayList<>();
    for (T t : targets) {
      if (!claimed.contains(targetId.apply(t))) {
        unmatched.add(t);
      }
    }
    return new Result<>(matches, unmatched);
  }

  private static PlanWarning ambiguous(String name, int count, String by) {
    return new PlanWarning(
        PlanWarning.Kind.AMBIGUOUS_MATCH,
        name,
        count + " target objects match by " + by + "; none is changed until one remains");
  }
}
