package io.github.ssosync.emulators.google;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit log behind the Reports API's {@code activities.list}: every change of the directory the
 * emulator serves, as the activities Google records for it. Event names, types and parameters are
 * those of the Reports API reference, "Admin Audit Activity Events" (appendix pages User Settings,
 * {@code type=USER_SETTINGS}, and Group Settings, {@code type=GROUP_SETTINGS}; {@code
 * applicationName=admin}) and "Enterprise Groups Audit Activity Events" ({@code
 * applicationName=groups_enterprise}, which logs the same group and membership changes whether an
 * admin made them, through the Admin console or the API, or a group's owner in the Google Groups
 * interface: Google Workspace Admin Help, "Groups Enterprise log events").
 *
 * <p>Where the reference does not say whether a change logs an event, the stricter reading is
 * taken: memberships that end because their user or group was deleted log only the deletion, and a
 * rename logs only the rename (member lists show the new email without a membership event).
 */
final class ActivityLog {
  /** Admin console application name (activities.list, {@code applicationName} enum). */
  static final String ADMIN = "admin";

  /** Enterprise Groups application name. */
  static final String GROUPS_ENTERPRISE = "groups_enterprise";

  /**
   * Data retention of admin and Groups Enterprise log events through the API: activities.list
   * returns at most "the last 180 days" when startTime is older (activities.list reference,
   * endTime; Admin Help "Data retention and lag times" gives 6 months for Admin log events).
   */
  static final Duration RETENTION = Duration.ofDays(180);

  /**
   * One activity with one event. Google may batch several events into one activity; the emulator
   * never does, which the reference allows.
   *
   * @param time when it happened
   * @param visibleAt when activities.list first returns it (time plus the lag in force)
   */
  record Activity(
      Instant time,
      Instant visibleAt,
      long uniqueQualifier,
      String application,
      String actor,
      String type,
      String name,
      Map<String, String> parameters) {}

  private final List<Activity> activities = new ArrayList<>();
  private final AtomicLong qualifiers = new AtomicLong(-8_000_000_000_000_000_000L);

  synchronized void add(
      Instant time,
      Duration lag,
      String application,
      String actor,
      String type,
      String name,
      Map<String, String> parameters) {
    activities.add(
        new Activity(
            time,
            time.plus(lag),
            qualifiers.getAndIncrement(),
            application,
            actor,
            type,
            name,
            Map.copyOf(parameters)));
  }

  /**
   * What activities.list may see as of {@code now}: visible, within the retention, newest first
   * (the reference returns activities in reverse chronological order; the Activities resource's
   * example pages go back in time).
   */
  synchronized List<Activity> visible(String application, Instant now) {
    Instant oldest = now.minus(RETENTION);
    List<Activity> out = new ArrayList<>();
    for (Activity a : activities) {
      if (a.application().equals(application)
          && !a.visibleAt().isAfter(now)
          && !a.time().isBefore(oldest)) {
        out.add(a);
      }
    }
    out.sort(
        (x, y) -> {
          int c = y.time().compareTo(x.time());
          return c != 0 ? c : Long.compare(y.uniqueQualifier(), x.uniqueQualifier());
        });
    return out;
  }

  synchronized int size() {
    return activities.size();
  }

  /**
   * Records what an admin did to turn {@code before} into {@code after}: admin and Groups
   * Enterprise events.
   */
  void adminChanged(
      DirectoryContent before, DirectoryContent after, Instant at, Duration lag, String actor) {
    new Diff(before, after, at, lag, actor, false).record();
  }

  /**
   * Records what a group's owner did in the Google Groups interface: membership changes only, and
   * only in the Groups Enterprise log (an admin log event is "an action performed within the Google
   * Admin console" or the Admin SDK by an administrator).
   *
   * @throws IllegalArgumentException if anything but memberships changed
   */
  void ownerChanged(
      DirectoryContent before, DirectoryContent after, Instant at, Duration lag, String actor) {
    if (!before.users().equals(after.users()) || !before.groups().equals(after.groups())) {
      throw new IllegalArgumentException(
          "a group owner changes only memberships; users and groups must stay as they are");
    }
    new Diff(before, after, at, lag, actor, true).record();
  }

  /** One change of the content, as events. */
  private final class Diff {
    private final DirectoryContent before;
    private final DirectoryContent after;
    private final Instant at;
    private final Duration lag;
    private final String actor;
    private final boolean ownerOnly;

    Diff(
        DirectoryContent before,
        DirectoryContent after,
        Instant at,
        Duration lag,
        String actor,
        boolean ownerOnly) {
      this.before = before;
      this.after = after;
      this.at = at;
      this.lag = lag;
      this.actor = actor;
      this.ownerOnly = ownerOnly;
    }

    void record() {
      Map<String, DirectoryUser> oldUsers = byId(before.users());
      Map<String, DirectoryUser> newUsers = byId(after.users());
      Map<String, DirectoryGroup> oldGroups = groupsById(before.groups());
      Map<String, DirectoryGroup> newGroups = groupsById(after.groups());
      if (!ownerOnly) {
        for (DirectoryUser u : after.users()) {
          DirectoryUser was = oldUsers.get(u.id());
          if (was == null) {
            user("CREATE_USER", u.primaryEmail());
          } else if (!was.equals(u)) {
            userChanged(was, u);
          }
        }
        for (DirectoryUser u : before.users()) {
          if (!newUsers.containsKey(u.id())) {
            user("DELETE_USER", u.primaryEmail());
          }
        }
        for (DirectoryGroup g : after.groups()) {
          DirectoryGroup was = oldGroups.get(g.id());
          if (was == null) {
            group("CREATE_GROUP", g.email(), Map.of());
            enterprise("create_group", Map.of("group_id", g.email()));
          } else {
            groupChanged(was, g);
          }
        }
        for (DirectoryGroup g : before.groups()) {
          if (!newGroups.containsKey(g.id())) {
            group("DELETE_GROUP", g.email(), Map.of());
            enterprise("delete_group", Map.of("group_id", g.email()));
          }
        }
      }
      for (DirectoryGroup g : after.groups()) {
        members(g, oldUsers, newUsers, oldGroups, newGroups);
      }
    }

    private void userChanged(DirectoryUser was, DirectoryUser u) {
      String email = was.primaryEmail();
      if (!email.equals(u.primaryEmail())) {
        // RENAME_USER: USER_EMAIL, NEW_VALUE (User Settings, "User Renamed").
        user("RENAME_USER", email, Map.of("NEW_VALUE", u.primaryEmail()));
        email = u.primaryEmail();
      }
      if (!Objects.equals(was.givenName(), u.givenName())) {
        user("CHANGE_FIRST_NAME", email, change(was.givenName(), u.givenName()));
      }
      if (!Objects.equals(was.familyName(), u.familyName())) {
        user("CHANGE_LAST_NAME", email, change(was.familyName(), u.familyName()));
      }
      if (was.suspended() != u.suspended()) {
        user(u.suspended() ? "SUSPEND_USER" : "UNSUSPEND_USER", email);
      }
      if (was.archived() != u.archived()) {
        user(u.archived() ? "ARCHIVE_USER" : "UNARCHIVE_USER", email);
      }
      if (!Objects.equals(was.orgUnitPath(), u.orgUnitPath())) {
        // MOVE_USER_TO_ORG_UNIT: USER_EMAIL, ORG_UNIT_NAME (the old unit), NEW_VALUE.
        user(
            "MOVE_USER_TO_ORG_UNIT",
            email,
            Map.of(
                "ORG_UNIT_NAME",
                orEmpty(was.orgUnitPath()),
                "NEW_VALUE",
                orEmpty(u.orgUnitPath())));
      }
      Set<String> families = new TreeSet<>();
      Set<String> keys = new TreeSet<>(was.attributes().keySet());
      keys.addAll(u.attributes().keySet());
      for (String k : keys) {
        if (!Objects.equals(was.attributes().get(k), u.attributes().get(k))) {
          families.add(k.contains(".") ? k.substring(0, k.indexOf('.')) : k);
        }
      }
      for (String family : families) {
        user(attributeEvent(family, u.attributes().get("isAdmin")), email);
      }
    }

    private void groupChanged(DirectoryGroup was, DirectoryGroup g) {
      String email = was.email();
      if (!email.equals(g.email())) {
        // CHANGE_GROUP_EMAIL: GROUP_EMAIL, NEW_VALUE (Group Settings, "Group Email Change").
        group("CHANGE_GROUP_EMAIL", email, Map.of("NEW_VALUE", g.email()));
        email = g.email();
      }
      if (!Objects.equals(was.name(), g.name())) {
        group("CHANGE_GROUP_NAME", email, change(was.name(), g.name()));
        enterprise(
            "change_info_setting",
            Map.of("group_id", email, "info_setting", "NAME", "value", orEmpty(g.name())));
      }
      if (!Objects.equals(was.description(), g.description())) {
        // CHANGE_GROUP_DESCRIPTION names only GROUP_EMAIL (Group Settings).
        group("CHANGE_GROUP_DESCRIPTION", email, Map.of());
        enterprise(
            "change_info_setting",
            Map.of(
                "group_id",
                email,
                "info_setting",
                "DESCRIPTION",
                "value",
                orEmpty(g.description())));
      }
    }

    private void members(
        DirectoryGroup g,
        Map<String, DirectoryUser> oldUsers,
        Map<String, DirectoryUser> newUsers,
        Map<String, DirectoryGroup> oldGroups,
        Map<String, DirectoryGroup> newGroups) {
      Map<String, DirectoryMember> was = membersByKey(before.members().get(g.id()));
      Map<String, DirectoryMember> now = membersByKey(after.members().get(g.id()));
      if (was.isEmpty() && now.isEmpty()) {
        return;
      }
      for (Map.Entry<String, DirectoryMember> e : now.entrySet()) {
        DirectoryMember m = e.getValue();
        DirectoryMember old = was.get(e.getKey());
        String who = memberEmail(m, newUsers, newGroups);
        if (old == null) {
          membership("ADD_GROUP_MEMBER", "add_member", g, m, who);
        } else if (old.role() != m.role()) {
          membership("UPDATE_GROUP_MEMBER", "add_member_role", g, m, who);
        }
      }
      for (Map.Entry<String, DirectoryMember> e : was.entrySet()) {
        DirectoryMember m = e.getValue();
        if (now.containsKey(e.getKey()) || deleted(m, oldUsers, newUsers, oldGroups, newGroups)) {
          continue; // a deleted member's memberships end with its deletion, logged once
        }
        membership(
            "REMOVE_GROUP_MEMBER", "remove_member", g, m, memberEmail(m, oldUsers, oldGroups));
      }
    }

    private static boolean deleted(
        DirectoryMember m,
        Map<String, DirectoryUser> oldUsers,
        Map<String, DirectoryUser> users,
        Map<String, DirectoryGroup> oldGroups,
        Map<String, DirectoryGroup> groups) {
      return switch (m.type()) {
        case USER -> oldUsers.containsKey(m.id()) && !users.containsKey(m.id());
        case GROUP -> oldGroups.containsKey(m.id()) && !groups.containsKey(m.id());
        default -> false;
      };
    }

    private void membership(
        String adminName, String enterpriseName, DirectoryGroup g, DirectoryMember m, String who) {
      if (!ownerOnly) {
        // ADD_GROUP_MEMBER / REMOVE_GROUP_MEMBER / UPDATE_GROUP_MEMBER: GROUP_EMAIL, USER_EMAIL
        // (Group Settings); a nested group's email stands in USER_EMAIL.
        group(adminName, g.email(), Map.of("USER_EMAIL", who));
      }
      // add_member / remove_member: group_id, member_id, member_type, member_role (Enterprise
      // Groups, "Add Member", "Remove Member").
      enterprise(
          enterpriseName,
          Map.of(
              "group_id",
              g.email(),
              "member_id",
              who,
              "member_type",
              m.type().name().toLowerCase(java.util.Locale.ROOT),
              "member_role",
              m.role().name().toLowerCase(java.util.Locale.ROOT)));
    }

    private void user(String name, String email) {
      user(name, email, Map.of());
    }

    private void user(String name, String email, Map<String, String> more) {
      Map<String, String> p = new LinkedHashMap<>(more);
      p.put("USER_EMAIL", email);
      add(at, lag, ADMIN, actor, "USER_SETTINGS", name, p);
    }

    private void group(String name, String email, Map<String, String> more) {
      Map<String, String> p = new LinkedHashMap<>(more);
      p.put("GROUP_EMAIL", email);
      add(at, lag, ADMIN, actor, "GROUP_SETTINGS", name, p);
    }

    private void enterprise(String name, Map<String, String> parameters) {
      Map<String, String> p = new LinkedHashMap<>(parameters);
      p.put("namespace", "");
      String type = name.contains("member") ? "moderator_action" : "group_change";
      add(at, lag, GROUPS_ENTERPRISE, actor, type, name, p);
    }
  }

  /**
   * The event of a change of one attribute family. GRANT_ADMIN_PRIVILEGE and REVOKE_ADMIN_PRIVILEGE
   * are User Settings events; the profile events' names follow the reference's CHANGE_USER_*
   * pattern but were not checked one by one: a feed must mark the user of any event naming
   * USER_EMAIL, so the name does not change what it reports.
   */
  static String attributeEvent(String family, @org.jspecify.annotations.Nullable String isAdmin) {
    return switch (family) {
      case "isAdmin" ->
          Boolean.parseBoolean(isAdmin) ? "GRANT_ADMIN_PRIVILEGE" : "REVOKE_ADMIN_PRIVILEGE";
      case "organizations" -> "CHANGE_USER_ORGANIZATION";
      case "phones" -> "CHANGE_USER_PHONE_NUMBER";
      case "addresses" -> "CHANGE_USER_ADDRESS";
      case "relations" -> "CHANGE_USER_RELATION";
      case "externalIds" -> "CHANGE_USER_EXTERNAL_ID";
      case "locations" -> "CHANGE_USER_LOCATION";
      case "customSchemas" -> "CHANGE_USER_CUSTOM_FIELD";
      default ->
          "CHANGE_USER_"
              + family.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    };
  }

  private static Map<String, String> change(String old, String now) {
    return Map.of("OLD_VALUE", orEmpty(old), "NEW_VALUE", orEmpty(now));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String memberEmail(
      DirectoryMember m, Map<String, DirectoryUser> users, Map<String, DirectoryGroup> groups) {
    DirectoryUser u = users.get(m.id());
    if (u != null) {
      return u.primaryEmail();
    }
    DirectoryGroup g = groups.get(m.id());
    if (g != null) {
      return g.email();
    }
    return m.email() != null ? m.email() : m.id();
  }

  private static Map<String, DirectoryMember> membersByKey(List<DirectoryMember> members) {
    Map<String, DirectoryMember> out = new LinkedHashMap<>();
    if (members != null) {
      for (DirectoryMember m : members) {
        out.put(m.type() + ":" + m.id(), m);
      }
    }
    return out;
  }

  private static Map<String, DirectoryUser> byId(List<DirectoryUser> users) {
    Map<String, DirectoryUser> out = new LinkedHashMap<>();
    users.forEach(u -> out.put(u.id(), u));
    return out;
  }

  private static Map<String, DirectoryGroup> groupsById(List<DirectoryGroup> groups) {
    Map<String, DirectoryGroup> out = new LinkedHashMap<>();
    groups.forEach(g -> out.put(g.id(), g));
    return out;
  }
}
