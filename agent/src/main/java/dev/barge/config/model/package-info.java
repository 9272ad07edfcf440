/**
 * The validated config model: immutable records, no Jackson types. Collections are unmodifiable and
 * never null (empty when absent); a nullable scalar means "not set, use the engine's or image's
 * default". Attribute paths named in {@link ServiceSpec#sensitive()} use compose key names joined
 * with dots ({@code environment.DB_PASSWORD}, {@code command}, {@code secrets.db_password}); the
 * planner uses the same paths for its diffs.
 */
package dev.barge.config.model;
