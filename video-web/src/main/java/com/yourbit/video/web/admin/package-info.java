/** {@code /api/admin}: all users' videos, sync with the provider, the stale-upload sweep. Admin group only. */
package com.yourbit.video.web.admin;
