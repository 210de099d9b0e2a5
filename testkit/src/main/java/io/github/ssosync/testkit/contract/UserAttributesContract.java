package io.github.ssosync.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.TargetScope;
import io.github.ssosync.targets.TargetUser;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdentityTarget} must do with the optional user attributes it declares it writes
 * ({@code TargetCapabilities.userAttributes()}), one test per operation: a create carries them,
 * they read back, an update writes exactly the attributes it names (clearing one when its value is
 * absent) and nothing else, and a manager is a reference to another user of the store. Attributes
 * the target does not declare are not tested; a target declaring none skips the contract.
 */
public abstract class UserAttributesContract {
  private @Nullable IdentityTarget target;

  /**
   * @return a target over an empty store, fresh for each test
   */
  protected abstract IdentityTarget createTarget();

  /**
   * Sets one attribute in the backing store as an administrator or another tool would, without the
   * target under test. Targets whose test cannot leave this as it is, and the test that needs it is
   * skipped.
   *
   * @param userId the user's id
   * @param attribute the attribute
   * @param value its value
   */
  protected void setByHand(String userId, UserAttribute attribute, String value) {
    org.junit.jupiter.api.Assumptions.abort("this target's test cannot edit users by hand");
  }

  /** Creates the target. */
  @BeforeEach
  void openTarget() {
    target = createTarget();
    assumeTrue(
        !target.capabilities().userAttributes().isEmpty(),
        "the target writes no optional user attributes");
  }

  /** Closes the target. */
  @AfterEach
  void closeTarget() {
    if (target != null) {
      target.close();
    }
  }

  private IdentityTarget target() {
    return Objects.requireNonNull(target);
  }

  /**
   * A value for each attribute the target writes (but the manager), valid for IAM Identity Center.
   */
  private Map<UserAttribute, String> sample() {
    Map<UserAttribute, String> values = new EnumMap<>(UserAttribute.class);
    for (UserAttribute a : target().capabilities().userAttributes()) {
      String v =
          switch (a) {
            case MANAGER -> null;
            case PROFILE_URL -> "https://intranet.example.com/people/ann";
            case PREFERRED_LANGUAGE, LOCALE -> "en-US";
            case TIMEZONE -> "Europe/Berlin";
            case PHONE_NUMBER -> "+1 555 0100";
            case COUNTRY -> "DE";
            default -> "Sample " + a.key();
          };
      if (v != null) {
        values.put(a, v);
      }
    }
    return values;
  }

  private static UserAttributes attributes(
      String name, Map<UserAttribute, String> optional, @Nullable ObjectRef manager) {
    String email = name + "@example.com";
    return new UserAttributes(
        email,
        "Given" + name,
        "Family" + name,
        "Given" + name + " Family" + name,
        email,
        true,
        "src-" + name,
        optional,
        manager);
  }

  private ObjectRef create(
      String name, Map<UserAttribute, String> optional, @Nullable ObjectRef m) {
    Change.CreateUser c =
        new Change.CreateUser(
            ObjectRef.pending("src-" + name, name + "@example.com"),
            attributes(name, optional, m),
            "contract");
    ChangeResult r = target().apply(List.of(c)).get(0);
    assertThat(r.applied()).as("create %s: %s", name, r.error()).isTrue();
    return c.user().withTargetId(Objects.requireNonNull(r.targetId()));
  }

  private void update(ObjectRef user, UserAttributes desired, AttributeChange... changes) {
    ChangeResult r =
        target()
            .apply(List.of(new Change.UpdateUser(user, desired, List.of(changes), "contract")))
            .get(0);
    assertThat(r.applied()).as("update: %s", r.error()).isTrue();
  }

  private TargetUser read(ObjectRef user) {
    return target().read(TargetScope.allGroups()).users().stream()
        .filter(u -> u.id().equals(user.targetId()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aCreateCarriesEveryDeclaredAttributeAndTheyReadBack() {
    Map<UserAttribute, String> values = sample();
    ObjectRef ann = create("ann", values, null);
    assertThat(read(ann).optional()).containsAllEntriesOf(values);
  }

  @Test
  void anUpdateWritesTheNamedAttributeOnlyAndLeavesTheOthers() {
    Map<UserAttribute, String> values = sample();
    assumeTrue(values.size() >= 2, "needs two attributes");
    ObjectRef ann = create("ann", values, null);
    UserAttribute changed = values.keySet().iterator().next();
    Map<UserAttribute, String> after = new EnumMap<>(values);
    after.put(changed, "Changed " + changed.key());
    update(
        ann,
        attributes("ann", after, null),
        new AttributeChange(changed.path(), values.get(changed), after.get(changed)));
    assertThat(read(ann).optional()).isEqualTo(after);
  }

  @Test
  void anUpdateWithoutAValueClearsTheAttribute() {
    Map<UserAttribute, String> values = sample();
    ObjectRef ann = create("ann", values, null);
    UserAttribute cleared = values.keySet().iterator().next();
    Map<UserAttribute, String> after = new EnumMap<>(values);
    after.remove(cleared);
    update(
        ann,
        attributes("ann", after, null),
        new AttributeChange(cleared.path(), values.get(cleared), null));
    assertThat(read(ann).optional()).isEqualTo(after);
  }

  @Test
  void aValueSetByHandOnAnotherAttributeSurvivesAnUpdate() {
    Map<UserAttribute, String> values = sample();
    assumeTrue(values.size() >= 2, "needs two attributes");
    List<UserAttribute> attributes = List.copyOf(values.keySet());
    UserAttribute mapped = attributes.get(0);
    UserAttribute byHand = attributes.get(1);
    ObjectRef ann = create("ann", Map.of(mapped, values.get(mapped)), null);
    setByHand(Objects.requireNonNull(ann.targetId()), byHand, values.get(byHand));
    update(
        ann,
        attributes("ann", Map.of(mapped, "Changed"), null),
        new AttributeChange(mapped.path(), values.get(mapped), "Changed"));
    assertThat(read(ann).optional())
        .containsEntry(mapped, "Changed")
        .containsEntry(byHand, values.get(byHand));
  }

  @Test
  void aManagerIsAReferenceToAnotherUserSetInACreateChangedAndCleared() {
    assumeTrue(target().capabilities().canWrite(UserAttribute.MANAGER), "no manager");
    ObjectRef boss = create("boss", Map.of(), null);
    ObjectRef other = create("other", Map.of(), null);
    ObjectRef ann = create("ann", Map.of(), boss);
    assertThat(read(ann).optional()).containsEntry(UserAttribute.MANAGER, boss.targetId());
    update(
        ann,
        attributes("ann", Map.of(), other),
        new AttributeChange(UserAttribute.MANAGER.path(), boss.name(), other.name()));
    assertThat(read(ann).optional()).containsEntry(UserAttribute.MANAGER, other.targetId());
    update(
        ann,
        attributes("ann", Map.of(), null),
        new AttributeChange(UserAttribute.MANAGER.path(), other.name(), null));
    assertThat(read(ann).optional()).doesNotContainKey(UserAttribute.MANAGER);
  }
}
