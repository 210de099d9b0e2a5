package io.github.ssosync.testkit.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryMember;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.testkit.DirectoryContent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoogleQueryTest {
  private final DirectoryUser jane =
      new DirectoryUser("1", "jane.doe@example.com", "Jane", "Doe", false, false, "/Eng", Map.of());
  private final DirectoryUser john =
      new DirectoryUser(
          "2", "john@example.com", "John", "Smith Doe", true, false, "/Sales", Map.of());

  @Test
  void userClausesMatchExactlyByPrefixOrByWordAndAllMustHold() {
    assertThat(GoogleQuery.users("email:jane*").test(jane)).isTrue();
    assertThat(GoogleQuery.users("email=JANE.DOE@example.com").test(jane)).isTrue();
    assertThat(GoogleQuery.users("email:jane").test(jane)).isFalse();
    assertThat(GoogleQuery.users("givenName:Jo*").test(john)).isTrue();
    assertThat(GoogleQuery.users("familyName:doe").test(john)).isTrue(); // a word of "Smith Doe"
    assertThat(GoogleQuery.users("name:'Jane Doe'").test(jane)).isTrue();
    assertThat(GoogleQuery.users("isSuspended=true").test(john)).isTrue();
    assertThat(GoogleQuery.users("isSuspended=false orgUnitPath=/Eng").test(jane)).isTrue();
    assertThat(GoogleQuery.users("isSuspended=false orgUnitPath=/Eng").test(john)).isFalse();
  }

  @Test
  void groupClausesIncludeMemberKey() {
    DirectoryGroup admins = DirectoryGroup.of("g1", "aws-admins@example.com", "AWS Admins");
    DirectoryContent content =
        DirectoryContent.builder().user(jane).group(admins, DirectoryMember.user(jane)).build();
    assertThat(GoogleQuery.groups("email:aws-*", content).test(admins)).isTrue();
    assertThat(GoogleQuery.groups("name:admins", content).test(admins)).isTrue();
    assertThat(GoogleQuery.groups("memberKey=jane.doe@example.com", content).test(admins)).isTrue();
    assertThat(GoogleQuery.groups("memberKey=john@example.com", content).test(admins)).isFalse();
  }

  @Test
  void badQueriesSayWhatIsWrong() {
    assertThatThrownBy(() -> GoogleQuery.users("nickname:x"))
        .hasMessageContaining("Invalid field in user query: nickname");
    assertThatThrownBy(() -> GoogleQuery.users("email")).hasMessageContaining("not field:value");
    assertThatThrownBy(() -> GoogleQuery.users("email:*x")).hasMessageContaining("only at the end");
    assertThatThrownBy(() -> GoogleQuery.users("name:'Jane"))
        .hasMessageContaining("unclosed quote");
    assertThatThrownBy(() -> GoogleQuery.users("isSuspended=maybe"))
        .hasMessageContaining("true or false");
  }
}
