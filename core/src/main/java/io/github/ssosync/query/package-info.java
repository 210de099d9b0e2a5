/**
 * The project's query language for selecting users and groups: the Google Admin SDK's search syntax
 * ({@code email:aws-*}, {@code name='AWS Admins'}, {@code orgUnitPath=/Eng isSuspended=false}),
 * checked against Google's documented operator tables, and an evaluator for data held in memory.
 *
 * <p>{@link io.github.ssosync.query.UserQuery#parse} and {@link
 * io.github.ssosync.query.GroupQuery#parse} refuse what Google's {@code users.list} and {@code
 * groups.list} would refuse, naming the clause; the parsed {@link io.github.ssosync.query.Clause}s
 * are the model a source translates into its own language (an LDAP filter, SQL). Sources whose data
 * is in memory evaluate queries with {@code matches}; what an object holds for each field comes
 * from {@link io.github.ssosync.query.FieldValues}.
 */
@NullMarked
package io.github.ssosync.query;

import org.jspecify.annotations.NullMarked;
