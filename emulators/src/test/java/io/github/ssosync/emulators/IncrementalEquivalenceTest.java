package io.github.ssosync.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.MemberType;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.engine.SyncReport;
import io.github.ssosync.plan.RunBasis;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetSnapshot;
import io.github.ssosync.targets.TargetUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The incremental run's one promise: for any history of directory changes and hand edits in the
 * target, interleaved with runs, the target after each incremental run equals the target a full
 * reconcile leaves from the same inputs; and whenever a feed cannot vouch for its window (a gap, a
 * lost state, a due full reconcile) the run is full. Two worlds take the same history: one syncs
 * with state and feeds, the other statelessly.
 */
class IncrementalEquivalenceTest {
  // -Dssosync.examples=500 for a longer hunt; QuickTheories prints the falsifying seed.
  private static final int EXAMPLES = Integer.getInteger("ssosync.examples", 40);
  private static final Duration LAG = Duration.ofMinutes(2);
  private static final Duration OVERLAP = Duration.ofMinutes(5);
  private static final Duration FULL_EVERY = Duration.ofHours(3);

  private static final AtomicInteger INCREMENTAL_RUNS = new AtomicInteger();

  /** A clock the history moves forward. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-01T08:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** The directory as the history edits it. */
  static final class Model {
    final Map<String, DirectoryUser> users = new LinkedHashMap<>();
    final Map<String, DirectoryGroup> groups = new LinkedHashMap<>();
    final Map<String, List<DirectoryMember>> members = new HashMap<>();
    int next;

    DirectoryContent content() {
      return new DirectoryContent(
          List.copyOf(users.values()), List.copyOf(groups.values()), members);
    }
  }

  /** One side of the comparison. */
  record World(
      InMemoryDirectorySource source,
      InMemoryIdentityTarget target,
      SyncEngine engine,
      InMemoryDirectoryFeed directoryFeed,
      InMemoryTargetFeed targetFeed,
      InMemoryStateStore store) {}

  @Test
  void everyIncrementalRunLeavesTheTargetAFullReconcileWould() {
    // No shrinking: a history is replayed from its seed, which the failure names.
    qt().withExamples(EXAMPLES)
        .withShrinkCycles(0)
        .forAll(longs().all())
        .checkAssert(this::history);
    assertThat(INCREMENTAL_RUNS.get())
        .as("histories must exercise incremental runs, not only full ones")
        .isGreaterThan(EXAMPLES * 3);
  }

  /** Replays one history: {@code -Dssosync.seed=N}, the seed a failure names. */
  @Test
  void replay() {
    Long seed = Long.getLong("ssosync.seed");
    org.junit.jupiter.api.Assumptions.assumeTrue(seed != null, "no -Dssosync.seed given");
    history(seed);
  }

  @Test
  void aLateEventIsCaughtByTheNextWindowsOverlap() {
    MutableClock clock = new MutableClock();
    Model model = new Model();
    DirectoryUser ann = DirectoryUser.of("u1", "ann@example.com", "Ann", "A");
    model.users.put("u1", ann);
    SyncPolicy policy = SyncPolicy.builder().userMatch("*").groupMatch("*").build();
    World inc = world(model, clock, policy, true);
    World full = world(model, clock, policy, false);
    inc.engine().sync();
    full.engine().sync();
    clock.advance(Duration.ofMinutes(10));
    assertThat(inc.engine().sync().plan().basis().kind()).isEqualTo(RunBasis.Kind.INCREMENTAL);

    // Renamed a minute before the next run: the event is not visible yet (LAG), so that run
    // cannot see it; the one after reads from before its own start (OVERLAP) and must.
    model.users.put("u1", ann.withPrimaryEmail("ann.b@example.com"));
    inc.source().setContent(model.content());
    full.source().setContent(model.content());
    clock.advance(Duration.ofMinutes(1));
    SyncReport blind = inc.engine().sync();
    full.engine().sync();
    assertThat(blind.plan().changes()).as("the event is not visible yet").isEmpty();
    clock.advance(Duration.ofMinutes(10));
    SyncReport caught = inc.engine().sync();
    assertThat(caught.plan().basis().kind()).isEqualTo(RunBasis.Kind.INCREMENTAL);
    assertThat(caught.plan().changes()).as("the overlap picks the late event up").isNotEmpty();
    assertThat(canonical(inc.target())).isEqualTo(canonical(full.target()));
  }

  private void history(long seed) {
    Random random = new Random(seed);
    MutableClock clock = new MutableClock();
    Model model = new Model();
    for (int i = 0; i < 6 + random.nextInt(10); i++) {
      addUser(model, random);
    }
    for (int i = 0; i < 1 + random.nextInt(4); i++) {
      addGroup(model, random);
    }
    for (int i = 0; i < 15; i++) {
      addMember(model, random);
    }
    SyncPolicy policy =
        switch (random.nextInt(3)) {
          case 0 -> SyncPolicy.builder().userMatch("*").groupMatch("*").build();
          case 1 -> SyncPolicy.builder().groupMatch("email:aws-*").build();
          default ->
              SyncPolicy.builder()
                  .userMatch("orgUnitPath=/Eng")
                  .groupMatch("email:aws-*")
                  .gracePeriod(Duration.ofMinutes(30))
                  .build();
        };
    World inc = world(model, clock, policy, true);
    World full = world(model, clock, policy, false);
    Instant lastFull = null;
    for (int step = 0; step < 14; step++) {
      int edits = random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        if (random.nextBoolean()) {
          mutateDirectory(model, random);
          inc.source().setContent(model.content());
          full.source().setContent(model.content());
        } else {
          long editSeed = random.nextLong();
          editByHand(inc.target(), new Random(editSeed));
          editByHand(full.target(), new Random(editSeed));
        }
        clock.advance(Duration.ofSeconds(1 + random.nextInt(30)));
      }
      String gap = null;
      switch (random.nextInt(12)) {
        case 0 -> gap = "directory";
        case 1 -> gap = "target";
        case 2 -> inc.store().clear();
        case 3 -> clock.advance(FULL_EVERY);
        default -> {}
      }
      if ("directory".equals(gap)) {
        inc.directoryFeed().gap("the test says the directory feed has a gap");
      } else if ("target".equals(gap)) {
        inc.targetFeed().gap("the test says the target feed has a gap");
      }
      // Every event visible before the runs: the store must then match exactly.
      clock.advance(LAG.plusSeconds(1));
      boolean stateExpected = inc.store().load().isPresent();
      Instant now = clock.instant();
      SyncReport a = inc.engine().sync();
      full.engine().sync();
      inc.directoryFeed().gap(null);
      inc.targetFeed().gap(null);

      RunBasis basis = a.plan().basis();
      boolean mustBeFull =
          gap != null
              || !stateExpected
              || lastFull == null
              || !now.isBefore(lastFull.plus(FULL_EVERY));
      if (mustBeFull) {
        assertThat(basis.kind()).as("step %d: %s", step, basis).isEqualTo(RunBasis.Kind.FULL);
      }
      if (basis.kind() == RunBasis.Kind.FULL) {
        lastFull = now;
      } else {
        INCREMENTAL_RUNS.incrementAndGet();
      }
      assertThat(canonical(inc.target()))
          .as("seed %d, step %d (%s)", seed, step, basis)
          .isEqualTo(canonical(full.target()));
      clock.advance(Duration.ofMinutes(1 + random.nextInt(20)));
    }
  }

  private static World world(Model model, MutableClock clock, SyncPolicy policy, boolean state) {
    InMemoryDirectorySource source = new InMemoryDirectorySource(model.content(), clock);
    InMemoryIdentityTarget target = InMemoryIdentityTarget.builder().clock(clock).build();
    source.changeLog().lag(LAG);
    target.changeLog().lag(LAG);
    InMemoryDirectoryFeed directoryFeed = new InMemoryDirectoryFeed(source, OVERLAP);
    InMemoryTargetFeed targetFeed = new InMemoryTargetFeed(target, OVERLAP);
    InMemoryStateStore store = new InMemoryStateStore();
    SyncEngine.Builder b =
        SyncEngine.builder()
            .source(source)
            .target(target)
            .policy(policy)
            .clock(clock)
            .concurrency(2)
            .allowBlockedPlan(true);
    if (state) {
      b.state(store)
          .directoryFeed(directoryFeed)
          .targetFeed(targetFeed)
          .fullEvery(FULL_EVERY)
          .maxStateAge(FULL_EVERY);
    }
    return new World(source, target, b.build(), directoryFeed, targetFeed, store);
  }

  // ------------------------------------------------------------------ the directory's history

  private static void addUser(Model m, Random r) {
    String id = "u" + (++m.next);
    String ou = r.nextBoolean() ? "/Eng" : "/Sales";
    m.users.put(
        id,
        new DirectoryUser(
            id,
            "user" + m.next + "@example.com",
            "Given" + m.next,
            "Family",
            false,
            false,
            ou,
            Map.of()));
  }

  private static void addGroup(Model m, Random r) {
    String id = "g" + (++m.next);
    String prefix = r.nextInt(3) == 0 ? "other-" : "aws-";
    m.groups.put(
        id, new DirectoryGroup(id, prefix + m.next + "@example.com", "Group " + m.next, null));
    m.members.put(id, new ArrayList<>());
  }

  private static void addMember(Model m, Random r) {
    if (m.groups.isEmpty() || m.users.isEmpty()) {
      return;
    }
    String gid = pick(new ArrayList<>(m.groups.keySet()), r);
    List<DirectoryMember> list = m.members.get(gid);
    DirectoryMember member;
    if (r.nextInt(6) == 0 && m.groups.size() > 1) {
      member = DirectoryMember.group(m.groups.get(pick(new ArrayList<>(m.groups.keySet()), r)));
    } else {
      member = DirectoryMember.user(m.users.get(pick(new ArrayList<>(m.users.keySet()), r)));
    }
    if (!member.id().equals(gid) && list.stream().noneMatch(x -> x.id().equals(member.id()))) {
      list.add(member);
    }
  }

  private static void mutateDirectory(Model m, Random r) {
    List<String> userIds = new ArrayList<>(m.users.keySet());
    List<String> groupIds = new ArrayList<>(m.groups.keySet());
    switch (r.nextInt(9)) {
      case 0 -> addUser(m, r);
      case 1 -> {
        if (!userIds.isEmpty()) { // deleting a user drops it from every group
          String id = pick(userIds, r);
          m.users.remove(id);
          m.members.values().forEach(l -> l.removeIf(x -> x.id().equals(id)));
        }
      }
      case 2 -> {
        if (!userIds.isEmpty()) {
          DirectoryUser u = m.users.get(pick(userIds, r));
          m.users.put(u.id(), u.withPrimaryEmail("renamed" + (++m.next) + "@example.com"));
        }
      }
      case 3 -> {
        if (!userIds.isEmpty()) {
          DirectoryUser u = m.users.get(pick(userIds, r));
          String ou = "/Eng".equals(u.orgUnitPath()) ? "/Sales" : "/Eng";
          m.users.put(
              u.id(),
              new DirectoryUser(
                  u.id(),
                  u.primaryEmail(),
                  "Given" + (++m.next),
                  u.familyName(),
                  u.suspended(),
                  u.archived(),
                  r.nextBoolean() ? ou : u.orgUnitPath(),
                  u.attributes()));
        }
      }
      case 4 -> {
        if (!userIds.isEmpty()) {
          DirectoryUser u = m.users.get(pick(userIds, r));
          m.users.put(u.id(), u.withSuspended(!u.suspended()));
        }
      }
      case 5 -> addGroup(m, r);
      case 6 -> {
        if (!groupIds.isEmpty()) {
          String id = pick(groupIds, r);
          DirectoryGroup g = m.groups.get(id);
          if (r.nextBoolean()) {
            m.groups.remove(id);
            m.members.remove(id);
            m.members.values().forEach(l -> l.removeIf(x -> x.id().equals(id)));
          } else { // renamed into or out of the query's reach
            String prefix = g.email().startsWith("aws-") ? "other-" : "aws-";
            m.groups.put(
                id, new DirectoryGroup(id, prefix + (++m.next) + "@example.com", g.name(), null));
          }
        }
      }
      case 7 -> addMember(m, r);
      default -> {
        if (!groupIds.isEmpty()) {
          List<DirectoryMember> l = m.members.get(pick(groupIds, r));
          if (!l.isEmpty()) {
            l.remove(r.nextInt(l.size()));
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------ hand edits in the target

  /** The same edit in either world: objects are picked by name, in name order. */
  private static void editByHand(InMemoryIdentityTarget t, Random r) {
    TargetSnapshot s = t.snapshot();
    List<TargetUser> users = new ArrayList<>(s.users());
    users.sort((a, b) -> a.userName().compareTo(b.userName()));
    List<TargetGroup> groups = new ArrayList<>(s.groups());
    groups.sort((a, b) -> a.displayName().compareTo(b.displayName()));
    int what = r.nextInt(7);
    if (users.isEmpty() && what != 2) {
      return;
    }
    switch (what) {
      case 0 -> {
        TargetUser u = pick(users, r);
        t.putUser(
            new TargetUser(
                u.id(),
                u.userName(),
                "Edited by hand",
                u.givenName(),
                u.familyName(),
                u.email(),
                u.active(),
                u.externalIds(),
                u.updatedAt(),
                u.optional()));
      }
      case 1 -> t.removeUser(pick(users, r).id());
      case 2 -> {
        String name = "hand" + r.nextInt(1000) + "@example.com";
        if (users.stream().noneMatch(u -> u.userName().equalsIgnoreCase(name))) {
          t.addUser(name, "Hand", "Made", List.of());
        }
      }
      case 3 -> {
        if (!groups.isEmpty()) {
          t.addMembership(pick(groups, r).id(), pick(users, r).id());
        }
      }
      case 4 -> {
        // By names: ids differ between the worlds (creates run concurrently).
        Map<String, String> names = new HashMap<>();
        s.users().forEach(u -> names.put(u.id(), u.userName()));
        s.groups().forEach(g -> names.put(g.id(), g.displayName()));
        List<TargetMembership> ms = new ArrayList<>(s.memberships());
        ms.sort(
            java.util.Comparator.comparing(
                (TargetMembership m) -> names.get(m.groupId()) + " " + names.get(m.userId())));
        if (!ms.isEmpty()) {
          TargetMembership m = pick(ms, r);
          t.removeMembership(m.groupId(), m.userId());
        }
      }
      case 5 -> {
        if (!groups.isEmpty()) {
          t.removeGroup(pick(groups, r).id());
        }
      }
      default -> {
        if (!groups.isEmpty()) {
          TargetGroup g = pick(groups, r);
          t.putGroup(
              new TargetGroup(g.id(), g.displayName(), "described by hand", g.externalIds()));
        }
      }
    }
  }

  private static <T> T pick(List<T> list, Random r) {
    return list.get(r.nextInt(list.size()));
  }

  /** The target without its ids and timestamps: what each world holds, comparable. */
  static TreeSet<String> canonical(InMemoryIdentityTarget t) {
    TargetSnapshot s = t.snapshot();
    Map<String, String> userName = new HashMap<>();
    Map<String, String> groupName = new HashMap<>();
    TreeSet<String> out = new TreeSet<>();
    for (TargetUser u : s.users()) {
      userName.put(u.id(), u.userName());
      out.add(
          "user "
              + u.userName()
              + " "
              + u.displayName()
              + " "
              + u.givenName()
              + " "
              + u.familyName()
              + " "
              + u.email()
              + " active="
              + u.active()
              + " "
              + u.externalIds()
              + " "
              + u.optional());
    }
    for (TargetGroup g : s.groups()) {
      groupName.put(g.id(), g.displayName());
      out.add("group " + g.displayName() + " " + g.description() + " " + g.externalIds());
    }
    for (TargetMembership m : s.memberships()) {
      out.add("member " + groupName.get(m.groupId()) + " <- " + userName.get(m.userId()));
    }
    return out;
  }

  static boolean isGroup(DirectoryMember m) {
    return m.type() == MemberType.GROUP;
  }
}
