package io.github.ssosync.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.targets.AttributeLimits.Attribute;
import io.github.ssosync.targets.AttributeLimits.Rule;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AttributeLimitsTest {
  private static final Pattern NAMES = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P} ]+");
  private final AttributeLimits limits =
      AttributeLimits.NONE
          .with(Attribute.GROUP_DISPLAY_NAME, new Rule(16, NAMES, Set.of("Administrator")))
          .with(Attribute.GROUP_DESCRIPTION, Rule.maxLength(5));

  @Test
  void eachAttributeIsJudgedByItsOwnRule() {
    assertThat(limits.problem(Attribute.GROUP_DISPLAY_NAME, "Ops team")).isNull();
    assertThat(limits.problem(Attribute.GROUP_DESCRIPTION, "Ops team"))
        .isEqualTo("its description is 8 characters long; the target allows 5");
    // An attribute without a rule, and an absent value, are never refused here.
    assertThat(limits.problem(Attribute.USER_GIVEN_NAME, "x".repeat(5000))).isNull();
    assertThat(limits.problem(Attribute.GROUP_DESCRIPTION, null)).isNull();
  }

  @Test
  void theMessageNamesTheFirstRefusedCharacterAndReservedNamesIgnoreCase() {
    assertThat(limits.problem(Attribute.GROUP_DISPLAY_NAME, "Ops\u200bteam"))
        .startsWith(
            "its display name contains characters the target refuses (U+200B at position 4");
    assertThat(limits.problem(Attribute.GROUP_DISPLAY_NAME, "Ops\tteam"))
        .contains("U+0009 at position 4");
    assertThat(limits.problem(Attribute.GROUP_DISPLAY_NAME, "ADMINISTRATOR"))
        .isEqualTo("its display name \"ADMINISTRATOR\" is a name the target reserves");
    assertThat(limits.problem(Attribute.GROUP_DISPLAY_NAME, "Admins")).isNull();
  }

  @Test
  void theEarlierFormStillMeansOneLengthForUserNamesAndOneForTheRest() {
    AttributeLimits legacy = new AttributeLimits(3, 4, Pattern.compile("\\S+"));
    assertThat(legacy.userNameProblem("abcd")).contains("user name is 4 characters");
    assertThat(legacy.userNameProblem("a b")).contains("user name contains characters");
    assertThat(legacy.problem(Attribute.GROUP_DESCRIPTION, "a b c")).contains("allows 4");
    assertThat(legacy.problem(Attribute.USER_EMAIL, "a b")).isNull();
    assertThat(AttributeLimits.NONE.userNameProblem(" ".repeat(500))).isNull();
  }
}
