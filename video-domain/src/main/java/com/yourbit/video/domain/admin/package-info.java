/**
 * What administrators may do and see across all users: list, sync, run the stale-upload
 * sweep, the operations report. The top of the domain: builds on {@code videos},
 * {@code expiry} and the core.
 */
package com.yourbit.video.domain.admin;
