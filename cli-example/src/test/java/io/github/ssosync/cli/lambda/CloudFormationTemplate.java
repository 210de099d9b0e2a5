package io.github.ssosync.cli.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation template read as CloudFormation reads YAML: the short forms of the intrinsic
 * functions ({@code !Ref X}, {@code !Sub s}, {@code !GetAtt A.B}, {@code !If [c, a, b]}, ...)
 * become their long forms ({@code {Ref: X}}, {@code {Fn::Sub: s}}, {@code {Fn::GetAtt: [A, B]}},
 * ...), per the "Intrinsic function reference" of the CloudFormation User Guide. {@link #resolve}
 * evaluates the conditions and {@code Fn::If} for given parameter values.
 */
final class CloudFormationTemplate {
  private static final List<String> FUNCTIONS =
      List.of(
          "Ref",
          "Condition",
          "Sub",
          "GetAtt",
          "If",
          "Equals",
          "Not",
          "And",
          "Or",
          "Join",
          "Select",
          "Split",
          "FindInMap",
          "Base64",
          "Cidr",
          "GetAZs",
          "ImportValue");

  final Map<String, Object> root;

  private CloudFormationTemplate(Map<String, Object> root) {
    this.root = root;
  }

  static CloudFormationTemplate read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new CloudFormationTemplate(new Yaml(new Constructor()).load(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> section(String name) {
    return (Map<String, Object>) root.getOrDefault(name, Map.of());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  /** Visits every value in the tree, maps and lists included. */
  static void walk(Object node, Consumer<Object> visitor) {
    visitor.accept(node);
    if (node instanceof Map<?, ?> m) {
      m.values().forEach(v -> walk(v, visitor));
    } else if (node instanceof List<?> l) {
      l.forEach(v -> walk(v, visitor));
    }
  }

  /**
   * The tree with every {@code Fn::If} decided and every {@code Ref: AWS::NoValue} dropped, for
   * these parameter values (defaults fill the rest); other functions stay as they are.
   */
  Object resolve(Object node, Map<String, String> parameters) {
    Map<String, String> values = new LinkedHashMap<>();
    section("Parameters")
        .forEach(
            (name, p) -> {
              Object d = map(p).get("Default");
              if (d != null) {
                values.put(name, String.valueOf(d));
              }
            });
    values.putAll(parameters);
    return resolved(node, values);
  }

  private Object resolved(Object node, Map<String, String> values) {
    if (node instanceof Map<?, ?> m) {
      if (m.size() == 1 && m.containsKey("Fn::If")) {
        List<Object> args = list(m.get("Fn::If"));
        boolean holds = condition((String) args.get(0), values);
        return resolved(args.get(holds ? 1 : 2), values);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach(
          (k, v) -> {
            Object r = resolved(v, values);
            if (!noValue(r)) {
              out.put((String) k, r);
            }
          });
      return out;
    }
    if (node instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object v : l) {
        Object r = resolved(v, values);
        if (!noValue(r)) {
          out.add(r);
        }
      }
      return out;
    }
    return node;
  }

  private static boolean noValue(Object node) {
    return node instanceof Map<?, ?> m && "AWS::NoValue".equals(m.get("Ref"));
  }

  boolean condition(String name, Map<String, String> values) {
    Object c = section("Conditions").get(name);
    if (c == null) {
      throw new AssertionError("no condition " + name);
    }
    return truth(c, values);
  }

  private boolean truth(Object expr, Map<String, String> values) {
    Map<String, Object> m = map(expr);
    if (m.containsKey("Fn::Equals")) {
      List<Object> args = list(m.get("Fn::Equals"));
      return value(args.get(0), values).equals(value(args.get(1), values));
    }
    if (m.containsKey("Fn::Not")) {
      return !truth(list(m.get("Fn::Not")).get(0), values);
    }
    if (m.containsKey("Fn::Or")) {
      return list(m.get("Fn::Or")).stream().anyMatch(c -> truth(c, values));
    }
    if (m.containsKey("Fn::And")) {
      return list(m.get("Fn::And")).stream().allMatch(c -> truth(c, values));
    }
    if (m.containsKey("Condition")) {
      return condition((String) m.get("Condition"), values);
    }
    throw new AssertionError("condition form not handled here: " + expr);
  }

  private static String value(Object expr, Map<String, String> values) {
    if (expr instanceof Map<?, ?> m && m.containsKey("Ref")) {
      return values.getOrDefault((String) m.get("Ref"), "");
    }
    return String.valueOf(expr);
  }

  /** SnakeYAML's safe constructor plus CloudFormation's short-form tags. */
  private static final class Constructor extends SafeConstructor {
    Constructor() {
      super(new LoaderOptions());
      for (String function : FUNCTIONS) {
        String key =
            function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function;
        yamlConstructors.put(new Tag("!" + function), new ShortForm(function, key));
      }
    }

    private final class ShortForm extends AbstractConstruct {
      private final String function;
      private final String key;

      ShortForm(String function, String key) {
        this.function = function;
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode s) {
          String text = constructScalar(s);
          // "!GetAtt Resource.Attribute" is the short form of [Resource, Attribute].
          value = function.equals("GetAtt") ? List.of(text.split("\\.", 2)) : text;
        } else if (node instanceof SequenceNode q) {
          value = constructSequence(q);
        } else {
          value = constructMapping((MappingNode) node);
        }
        return Map.of(key, value);
      }
    }
  }
}
