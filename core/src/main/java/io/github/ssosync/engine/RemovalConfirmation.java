package io.github.ssosync.engine;

import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectorySnapshot;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.policy.SyncPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The step between planning and applying that guards removals against a lagging directory. */
final class RemovalConfirmation {
  private static final Logger log = LoggerFactory.getLogger(RemovalConfirmation.class);

  private RemovalConfirmation() {}

  /**
   * Asks the source to confirm, by id, that the users and groups this plan would remove are really
   * gone or no longer selected. A directory read through a search index can miss objects that exist
   * (Google: up to 36 hours); if any such object is found, the directory read is stale, and every
   * removal of this run is held back (including the removals that follow from the missing object,
   * such as its members). A failed confirmation fails the run before anything is written.
   */
  static SyncPlan confirm(
      DirectorySource source, SyncPolicy policy, DirectorySnapshot dir, SyncPlan plan) {
    Set<String> readUsers = new HashSet<>();
    dir.users().forEach(u -> readUsers.add(u.id()));
    Map<String, String> userNames = new TreeMap<>();
    Map<String, String> groupNames = new TreeMap<>();
    for (Change c : plan.changes()) {
      String id = c.subject().sourceId();
      if (id == null || !c.kind().removal()) {
        continue;
      }
      if (c.kind() == ChangeKind.RETIRE_GROUP || c.kind() == ChangeKind.DELETE_GROUP) {
        if (!dir.matchedGroupIds().contains(id)) {
          groupNames.put(id, c.subject().name());
        }
      } else if (!readUsers.contains(id)) {
        userNames.put(id, c.subject().name());
      }
    }
    if (userNames.isEmpty() && groupNames.isEmpty()) {
      return plan;
    }
    Set<String> present =
        source.stillSelected(policy.directoryQuery(), userNames.keySet(), groupNames.keySet());
    List<PlanWarning> lagging = new ArrayList<>();
    Map<String, String> all = new TreeMap<>(userNames);
    all.putAll(groupNames);
    all.forEach(
        (id, name) -> {
          if (present.contains(id)) {
            lagging.add(
                new PlanWarning(
                    PlanWarning.Kind.SEARCH_INDEX_LAG,
                    name,
                    "missing from the directory's search results but still present and selected"
                        + " when read by id (directory id "
                        + id
                        + "): the search index lags, so no removal is applied this run"));
          }
        });
    if (lagging.isEmpty()) {
      return plan;
    }
    log.warn(
        "{} object(s) missing from the directory's search results still exist and are selected;"
            + " holding every removal this run",
        lagging.size());
    return plan.withoutRemovals(lagging);
  }
}
