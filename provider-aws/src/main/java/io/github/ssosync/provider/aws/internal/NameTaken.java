package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.ProviderException;
import io.github.ssosync.targets.NameHolder;

/**
 * A create refused because its name is held, with the holder looked up; {@link
 * ChangeWriter#attempt} reports it as {@link io.github.ssosync.targets.ChangeResult#nameTaken}, and
 * the engine decides whether the holder is ours.
 */
final class NameTaken extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final transient NameHolder holder;
  final ProviderException conflict;

  NameTaken(NameHolder holder, ProviderException conflict) {
    super(conflict.getMessage(), null, false, false);
    this.holder = holder;
    this.conflict = conflict;
  }
}
