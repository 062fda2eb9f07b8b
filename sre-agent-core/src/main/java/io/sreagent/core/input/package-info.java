/**
 * API tier: reading input from outside the process (configuration, scenario and event files) with bounds checked
 * before parsing: regular files only, a size limit per file, strict UTF-8, and YAML whose aliases, depth and duplicate
 * keys are checked before anything is expanded. Problems are {@link io.sreagent.core.input.InputException}s that name
 * the file and the place and never echo the file's content.
 */
@NullMarked
package io.sreagent.core.input;

import org.jspecify.annotations.NullMarked;
