package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.ProviderException;
import io.github.ssosync.change.Change;
import io.github.ssosync.targets.ChangeResult;
import java.util.ArrayList;
import java.util.List;

/** Applies changes through one write API. Implementations are thread-safe. */
public interface ChangeWriter {

  /**
   * @param change a change other than a membership change
   * @return its result; never throws for the change's own failure
   */
  ChangeResult apply(Change change);

  /**
   * @param changes membership changes, all of one group
   * @return one result per change, in order
   */
  default List<ChangeResult> applyMemberships(List<Change> changes) {
    List<ChangeResult> out = new ArrayList<>();
    for (Change c : changes) {
      out.add(apply(c));
    }
    return out;
  }

  /**
   * Runs a write and turns its failure into a result.
   *
   * @param write the write, returning the new object's id or null
   * @return the result
   */
  static ChangeResult attempt(java.util.function.Supplier<String> write) {
    try {
      String id = write.get();
      return id == null ? ChangeResult.done() : ChangeResult.created(id);
    } catch (ProviderException e) {
      return ChangeResult.failed(e);
    } catch (NameTaken e) {
      return ChangeResult.nameTaken(e.holder, e.conflict);
    }
  }
}
