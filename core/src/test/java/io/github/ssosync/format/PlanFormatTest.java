package io.github.ssosync.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.plan.ApplyStep;
import io.github.ssosync.plan.GuardVerdict;
import io.github.ssosync.plan.PendingDeletion;
import io.github.ssosync.plan.PlanStats;
import io.github.ssosync.plan.PlanWarning;
import io.github.ssosync.plan.SyncPlan;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanFormatTest {
  private static final Instant AT = Instant.parse("2026-12-03T09:00:00Z");
  private static final ObjectRef ANN = ObjectRef.pending("d-ann", "ann@example.com");
  private static final ObjectRef BOB = ObjectRef.existing("t-bob", "d-bob", "bob@example.com");
  private static final ObjectRef OLD = ObjectRef.existing("t-old", null, "old@example.com");
  private static final ObjectRef DEVS = ObjectRef.pending("d-devs", "devs|`x`@example.com");
  private static final ObjectRef OPS = ObjectRef.existing("t-ops", "d-ops", "ops@example.com");

  /** One change of every kind, with every optional field both set and absent somewhere. */
  static SyncPlan everyKind() {
    UserAttributes ann =
        new UserAttributes(
            "ann@example.com",
            "Ann",
            "A",
            "Ann A",
            "ann@example.com",
            true,
            "d-ann",
            java.util.Map.of(
                io.github.ssosync.mapping.UserAttribute.DEPARTMENT, "Eng",
                io.github.ssosync.mapping.UserAttribute.LOCALITY, "Lyon"),
            BOB);
    List<Change> changes =
        List.of(
            new Change.CreateUser(ANN, ann, "selected in the directory"),
            new Change.UpdateUser(
                BOB,
                new UserAttributes(
                    "bob@example.com", "Bob", "B", "Bob B", "bob@example.com", false, null),
                List.of(
                    new AttributeChange("active", "true", "false"),
                    new AttributeChange("displayName", null, "Bob B")),
                "suspended"),
            new Change.CreateGroup(
                DEVS,
                new GroupAttributes("devs|`x`@example.com", null, "d-devs"),
                List.of(ANN, BOB),
                "new"),
            new Change.UpdateGroup(
                OPS,
                new GroupAttributes("ops@example.com", "Ops", "d-ops"),
                List.of(new AttributeChange("description", null, "Ops")),
                "changed"),
            new Change.AddMembership(OPS, ANN, "member"),
            new Change.RemoveMembership(OPS, BOB, "m-1", "left"),
            new Change.RemoveMembership(OPS, OLD, null, "left"),
            new Change.RetireGroup(
                OPS, "d-ops;left=2026-12-03T09:00:00Z", AT.plusSeconds(60), "left"),
            new Change.RetireGroup(OPS, "d-ops;left=2026-12-03T09:00:00Z", null, "left"),
            new Change.DisableUser(OLD, AT.plusSeconds(3600), "left"),
            new Change.DisableUser(OLD, null, "left"),
            new Change.DeleteUser(OLD, "grace over"),
            new Change.DeleteGroup(OPS, "grace over"),
            // Frees the name ann's create takes.
            new Change.DeleteUser(
                ObjectRef.existing("t-hold", null, "ANN@example.com"), "grace over"));
    return new SyncPlan(
            AT,
            changes,
            List.of(new PlanWarning(PlanWarning.Kind.NOT_OWNED, "x|y", "left `alone`")),
            List.of(
                new PendingDeletion(OLD, PendingDeletion.Type.USER, AT.plusSeconds(7200)),
                new PendingDeletion(OPS, PendingDeletion.Type.GROUP, AT.plusSeconds(7200))),
            new GuardVerdict(true, 4, 9, "too many | removals"),
            new PlanStats(1, 2, 3, 4, 5, 6, 7, 8, 9))
        .withTargetFingerprint("sha256:" + "ab".repeat(32));
  }

  @Test
  void aPlanReadBackFromItsJsonIsTheSamePlan() {
    SyncPlan plan = everyKind();
    assertThat(Arrays.stream(ChangeKind.values()))
        .allMatch(k -> plan.changes().stream().anyMatch(c -> c.kind() == k));
    String json = PlanFormat.json(plan);
    SyncPlan back = PlanFormat.read(json);
    assertThat(back).isEqualTo(plan);
    assertThat(PlanFormat.json(back)).isEqualTo(json);
  }

  @Test
  void theJsonCarriesPhasesDependenciesAndTheFingerprint() {
    SyncPlan plan = everyKind();
    String json = PlanFormat.json(plan);
    assertThat(json)
        .contains("\"schema\" : \"ssosync-plan/v1\"")
        .contains("\"targetFingerprint\" : \"sha256:abab")
        .contains("\"phase\" : " + ApplyStep.FREE_NAME)
        .contains("\"dependsOn\" : [ 0 ]");
    // The group create waits for ann's create, its member; ann's create for the delete that frees
    // her name.
    int last = plan.changes().size() - 1;
    assertThat(plan.order().get(2).dependsOn()).containsExactly(0);
    assertThat(plan.order().get(0).dependsOn()).containsExactly(last);
    assertThat(plan.phase(last)).isEqualTo(ApplyStep.FREE_NAME);
  }

  @Test
  void aDamagedOrForeignDocumentIsRefusedWithWhereItIsWrong() {
    String json = PlanFormat.json(everyKind());
    assertThatThrownBy(() -> PlanFormat.read("{"))
        .isInstanceOf(PlanFormatException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> PlanFormat.read(json.replace("ssosync-plan/v1", "ssosync-plan/v9")))
        .isInstanceOf(PlanFormatException.class)
        .hasMessageContaining("ssosync-plan/v9");
    assertThatThrownBy(
            () ->
                PlanFormat.read(
                    json.replaceFirst("\"reason\" : \"selected in the directory\",", "")))
        .isInstanceOf(PlanFormatException.class)
        .hasMessageContaining("$.changes[0].reason: missing");
    assertThatThrownBy(() -> PlanFormat.read(json.replace("\"CREATE_USER\"", "\"MAKE_USER\"")))
        .isInstanceOf(PlanFormatException.class)
        .hasMessageContaining("MAKE_USER");
    // A membership moved before the create it needs.
    assertThatThrownBy(() -> PlanFormat.read(json.replace("\"phase\" : 5", "\"phase\" : 1")))
        .isInstanceOf(PlanFormatException.class)
        .hasMessageContaining("not in an earlier or the same phase");
  }

  @Test
  void markdownHasSummaryTableGuardAndWarningsWithEveryValueEscaped() {
    String md = PlanFormat.markdown(everyKind());
    assertThat(md)
        .contains("### ssosync plan — BLOCKED")
        .contains("| Change | Subject | Detail | Reason |")
        .contains("| create group | devs\\|\\`x\\`@example.com | with 2 members | new |")
        .contains("**Blocked by the deletion guard:** too many \\| removals")
        .contains("- NOT_OWNED x\\|y: left \\`alone\\`")
        .contains("**Pending deletions**");
    // Every table row has exactly its five unescaped pipes.
    md.lines()
        .filter(l -> l.startsWith("| "))
        .forEach(
            l ->
                assertThat(l.replace("\\|", "").chars().filter(c -> c == '|').count())
                    .as(l)
                    .isEqualTo(5));
  }

  @Test
  void markdownEscapesHtmlAndLineBreaks() {
    assertThat(PlanMarkdown.cell("<script>a&b</script>\nnext"))
        .isEqualTo("&lt;script&gt;a&amp;b&lt;/script&gt; next");
    assertThat(PlanMarkdown.cell("a_b*c")).isEqualTo("a\\_b\\*c");
  }

  @Test
  void anEmptyPlanSaysSoInEveryFormat() {
    SyncPlan empty =
        new SyncPlan(
            AT,
            List.of(),
            List.of(),
            List.of(),
            new GuardVerdict(false, 0, 0, null),
            new PlanStats(0, 0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(PlanFormat.markdown(empty)).contains("No changes").contains("Deletion guard: ok");
    assertThat(PlanFormat.table(empty)).contains("No changes");
    assertThat(PlanFormat.read(PlanFormat.json(empty))).isEqualTo(empty);
  }
}
