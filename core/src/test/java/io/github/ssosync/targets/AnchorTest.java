package io.github.ssosync.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnchorTest {
  private static final Instant AT = Instant.parse("2026-12-03T08:00:00Z");

  @Test
  void aPlainIdAndAMarkedIdRoundTrip() {
    assertThat(Anchor.parse("0123abc")).isEqualTo(new Anchor("0123abc", null));
    assertThat(Anchor.parse("0123abc").value()).isEqualTo("0123abc");
    Anchor left = Anchor.leftScope("0123abc", AT);
    assertThat(left.value()).isEqualTo("0123abc;left=2026-12-03T08:00:00Z");
    assertThat(Anchor.parse(left.value())).isEqualTo(left);
  }

  @Test
  void aForeignValueIsNeverMisreadAsAMark() {
    assertThat(Anchor.parse("x;left=tomorrow")).isEqualTo(new Anchor("x;left=tomorrow", null));
    assertThat(Anchor.parse(";left=" + AT)).isEqualTo(new Anchor(";left=" + AT, null));
    assertThatThrownBy(() -> Anchor.leftScope("a;left=b", AT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCapabilitiesReadTheDirectoryIdThroughTheMark() {
    TargetCapabilities caps = TargetCapabilities.full("urn:us");
    List<ExternalId> marked = List.of(new ExternalId("urn:us", "g1;left=" + AT));
    assertThat(caps.anchorOf(marked)).isEqualTo("g1");
    assertThat(caps.anchor(marked)).isEqualTo(Anchor.leftScope("g1", AT));
    assertThat(caps.anchorOf(List.of(new ExternalId("urn:other", "g1")))).isNull();
  }
}
