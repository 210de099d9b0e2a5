package io.github.ssosync.cli.internal;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Takes each flag's default from {@code SSOSYNC_<NAME>} ({@code --group-match} from {@code
 * SSOSYNC_GROUP_MATCH}); a flag on the command line wins over its variable.
 */
public final class EnvDefaults implements IDefaultValueProvider {
  private final Map<String, String> env;

  /**
   * @param env the environment
   */
  public EnvDefaults(Map<String, String> env) {
    this.env = env;
  }

  /**
   * @param longName a long option name such as {@code --group-match}
   * @return its variable, {@code SSOSYNC_GROUP_MATCH}
   */
  public static String variable(String longName) {
    return "SSOSYNC_" + longName.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public @Nullable String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      String value = env.get(variable(option.longestName()));
      if (value != null && !value.isEmpty()) {
        return value;
      }
      return option.defaultValue();
    }
    return null;
  }
}
