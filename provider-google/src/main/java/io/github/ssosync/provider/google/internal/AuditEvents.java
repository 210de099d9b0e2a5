package io.github.ssosync.provider.google.internal;

import io.github.ssosync.feed.FeedGapException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one audit event means for an incremental read: the users and groups it names, or that it
 * changed the directory in a way no object can be re-read for. Sources: Reports API reference,
 * "Admin Audit Activity Events" (User Settings, Group Settings, Organization Settings, Domain
 * Settings; {@code applicationName=admin}) and "Enterprise Groups Audit Activity Events" ({@code
 * applicationName=groups_enterprise}).
 *
 * <ul>
 *   <li>{@code USER_EMAIL} names a user (every User Settings event: CREATE_USER, DELETE_USER,
 *       RENAME_USER, SUSPEND_USER, UNSUSPEND_USER, CHANGE_FIRST_NAME, MOVE_USER_TO_ORG_UNIT, ...);
 *       RENAME_USER's {@code NEW_VALUE} is the new primary email. In a Group Settings membership
 *       event (ADD_GROUP_MEMBER, REMOVE_GROUP_MEMBER, UPDATE_GROUP_MEMBER) it is the member, which
 *       did not itself change, so only the group is named.
 *   <li>{@code GROUP_EMAIL} names a group; CHANGE_GROUP_EMAIL's {@code NEW_VALUE} is its new email.
 *   <li>{@code group_id} names a group in Groups Enterprise events (add_member, remove_member,
 *       create_group, change_info_setting, ...), which include changes made by a group's owner in
 *       the Google Groups interface and dynamic groups' changes, absent from the admin log.
 *   <li>Events that change many users without naming them: an organisational unit renamed or moved
 *       (EDIT_ORG_UNIT_NAME, MOVE_ORG_UNIT: every user below gets a new orgUnitPath), domains and
 *       domain aliases added, removed or renamed (users' and groups' addresses change), custom
 *       schemas changed (users' customSchemas change). Each is a {@link FeedGapException}.
 *   <li>Any other event that names a user or group still marks it: an unknown event is never
 *       dropped when it names an object.
 * </ul>
 */
public final class AuditEvents {
  /** Organization Settings events that move users without naming them. */
  static final Set<String> ORG_UNIT_WIDE = Set.of("EDIT_ORG_UNIT_NAME", "MOVE_ORG_UNIT");

  /** Domain Settings events that change addresses without naming the objects. */
  static final Set<String> DOMAIN_WIDE =
      Set.of(
          "ADD_DOMAIN_ALIAS",
          "REMOVE_DOMAIN_ALIAS",
          "ADD_SECONDARY_DOMAIN",
          "REMOVE_SECONDARY_DOMAIN",
          "CHANGE_PRIMARY_DOMAIN",
          "RENAME_DOMAIN");

  /** Group Settings events whose USER_EMAIL is a member, not a changed user. */
  static final Set<String> MEMBERSHIP =
      Set.of("ADD_GROUP_MEMBER", "REMOVE_GROUP_MEMBER", "UPDATE_GROUP_MEMBER");

  private AuditEvents() {}

  /**
   * Adds what one activity names.
   *
   * @param activity the activity
   * @param users where to add user keys
   * @param groups where to add group keys
   * @throws FeedGapException for a directory-wide change
   */
  public static void collect(ReportsApi.Item activity, Set<String> users, Set<String> groups) {
    if (activity.events == null) {
      return;
    }
    for (ReportsApi.Event e : activity.events) {
      String name = e.name == null ? "" : e.name;
      String upper = name.toUpperCase(Locale.ROOT);
      if (ORG_UNIT_WIDE.contains(upper)
          || DOMAIN_WIDE.contains(upper)
          || upper.contains("SCHEMA")) {
        throw new FeedGapException(
            "Google audit event "
                + name
                + " at "
                + (activity.id == null ? "?" : activity.id.time)
                + " changes users or groups without naming them; a full read is needed");
      }
      List<ReportsApi.Parameter> parameters = e.parameters;
      if (parameters == null) {
        continue;
      }
      boolean membership = MEMBERSHIP.contains(upper);
      for (ReportsApi.Parameter p : parameters) {
        String value = p.value;
        if (value == null || value.isBlank() || p.name == null) {
          continue;
        }
        switch (p.name) {
          case "USER_EMAIL" -> {
            if (!membership) {
              users.add(value);
            }
          }
          case "GROUP_EMAIL", "group_id" -> groups.add(value);
          case "NEW_VALUE" -> {
            if (upper.equals("RENAME_USER")) {
              users.add(value);
            } else if (upper.equals("CHANGE_GROUP_EMAIL")) {
              groups.add(value);
            }
          }
          default -> {
            // other parameters (OLD_VALUE, ORG_UNIT_NAME, member_id, ...) name nothing to re-read
          }
        }
      }
    }
  }
}
