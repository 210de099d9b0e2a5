package io.github.ssosync.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.directory.UserAttributeKey;
import org.junit.jupiter.api.Test;

class SyntheticDirectoryTest {
  @Test
  void userAttributesAreOffByDefaultSeededAndLeaveTheRestOfTheDirectoryAsItWas() {
    DirectoryContent plain = SyntheticDirectory.builder().seed(5).users(200).build();
    DirectoryContent profiled =
        SyntheticDirectory.builder().seed(5).users(200).userAttributes(true).build();
    assertThat(plain.users()).allSatisfy(u -> assertThat(u.attributes()).isEmpty());
    assertThat(profiled.groups()).isEqualTo(plain.groups());
    assertThat(profiled.members()).isEqualTo(plain.members());
    for (int i = 0; i < plain.users().size(); i++) {
      DirectoryUser p = profiled.users().get(i);
      assertThat(bare(p)).isEqualTo(plain.users().get(i));
      assertThat(p.attributes()).hasSize(i == 0 ? 9 : 10);
      assertThat(p.attributes().keySet()).allMatch(UserAttributeKey::isKnown);
    }
    assertThat(SyntheticDirectory.builder().seed(5).users(200).userAttributes(true).build())
        .isEqualTo(profiled);
    assertThat(SyntheticDirectory.builder().seed(6).users(200).userAttributes(true).build())
        .isNotEqualTo(profiled);
  }

  private static DirectoryUser bare(DirectoryUser u) {
    return new DirectoryUser(
        u.id(),
        u.primaryEmail(),
        u.givenName(),
        u.familyName(),
        u.suspended(),
        u.archived(),
        u.orgUnitPath(),
        java.util.Map.of());
  }
}
