/**
 * The servlet error pages: problem+json for answers decided before or outside JAX-RS (a
 * refused token, an error the application did not answer itself). Above {@code problem} and
 * {@code body}, which they both use.
 */
package com.yourbit.video.web.errorpage;
