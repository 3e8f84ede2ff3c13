/**
 * Per-user limits (API.md "Limits"): pending videos, creations per minute and declared upload
 * bytes, decided under a per-user database lock so they hold under concurrency and across
 * the nodes of a cluster.
 */
package com.yourbit.video.domain.limits;
