/** The generic schema differ: two IR schemas in, the list of changes between them out. */
package dev.strata.diff;
