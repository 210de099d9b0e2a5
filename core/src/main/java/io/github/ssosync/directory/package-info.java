/**
 * The directory side: what a source of identities (Google Workspace, LDAP, a file) hands over, and
 * the {@link io.github.ssosync.directory.DirectorySource} SPI it implements.
 *
 * <p>A source hands over the raw graph (users, groups and each group's direct members); the
 * planner, not the source, flattens nesting and applies the policy.
 */
@NullMarked
package io.github.ssosync.directory;

import org.jspecify.annotations.NullMarked;
