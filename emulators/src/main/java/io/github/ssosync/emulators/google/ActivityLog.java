package io.github.ssosync.emulators.google;

import io.github.ssosync.emulators.DirectoryContent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    new ActivityDiff(this, before, after, at, lag, actor, false).record();
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
    new ActivityDiff(this, before, after, at, lag, actor, true).record();
  }
}
