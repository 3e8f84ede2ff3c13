/** {@code /api/admin}: all users' videos, sync with the provider, moves between providers, the stale-upload sweep, event deliveries. Admin group only. */
package com.yourbit.video.web.admin;
