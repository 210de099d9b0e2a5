package io.github.ssosync.emulators.google;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.DirectoryContent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One change of the directory, as the audit events Google logs for it (see {@link ActivityLog} for
 * the sources): users and groups by id, old against new, then each group's members.
 */
final class ActivityDiff {
  private final ActivityLog log;
  private final DirectoryContent before;
  private final DirectoryContent after;
  private final Instant at;
  private final Duration lag;
  private final String actor;
  private final boolean ownerOnly;

  ActivityDiff(
      ActivityLog log,
      DirectoryContent before,
      DirectoryContent after,
      Instant at,
      Duration lag,
      String actor,
      boolean ownerOnly) {
    this.log = log;
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
              "ORG_UNIT_NAME", orEmpty(was.orgUnitPath()), "NEW_VALUE", orEmpty(u.orgUnitPath())));
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
              "group_id", email, "info_setting", "DESCRIPTION", "value", orEmpty(g.description())));
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
      membership("REMOVE_GROUP_MEMBER", "remove_member", g, m, memberEmail(m, oldUsers, oldGroups));
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
    log.add(at, lag, ActivityLog.ADMIN, actor, "USER_SETTINGS", name, p);
  }

  private void group(String name, String email, Map<String, String> more) {
    Map<String, String> p = new LinkedHashMap<>(more);
    p.put("GROUP_EMAIL", email);
    log.add(at, lag, ActivityLog.ADMIN, actor, "GROUP_SETTINGS", name, p);
  }

  private void enterprise(String name, Map<String, String> parameters) {
    Map<String, String> p = new LinkedHashMap<>(parameters);
    p.put("namespace", "");
    String type = name.contains("member") ? "moderator_action" : "group_change";
    log.add(at, lag, ActivityLog.GROUPS_ENTERPRISE, actor, type, name, p);
  }

  /**
   * The event of a change of one attribute family. GRANT_ADMIN_PRIVILEGE and REVOKE_ADMIN_PRIVILEGE
   * are User Settings events; the profile events' names follow the reference's CHANGE_USER_*
   * pattern but were not checked one by one: a feed must mark the user of any event naming
   * USER_EMAIL, so the name does not change what it reports.
   */
  static String attributeEvent(String family, @Nullable String isAdmin) {
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
