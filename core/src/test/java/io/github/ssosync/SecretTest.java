package io.github.ssosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void neverShowsItsValue() {
    Secret s = Secret.of("token-123");
    assertThat(s.toString()).isEqualTo("****").doesNotContain("token");
    assertThat("" + s).doesNotContain("123");
    assertThat(s.reveal()).isEqualTo("token-123");
    assertThatThrownBy(() -> Secret.of(" ")).isInstanceOf(ConfigurationException.class);
  }
}
